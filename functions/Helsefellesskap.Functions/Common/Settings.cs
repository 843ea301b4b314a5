using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Common;

/// <summary>
/// Binds an options type to its configuration section and checks it when the app starts, so a missing
/// or malformed setting stops the app with a message that names it instead of failing on first use.
/// </summary>
public static class Settings
{
    public static void Add<TOptions>(IServiceCollection services, string section, Func<TOptions, IEnumerable<string>> problems)
        where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new SettingsValidator<TOptions>(section, problems));
    }

    /// <summary>The name of a setting as an app setting / environment variable and as a configuration key.</summary>
    public static string Name(string section, string key) => $"'{section}__{key}' ({section}:{key})";

    public static IEnumerable<string> Required(string section, string key, string? value) =>
        string.IsNullOrWhiteSpace(value) ? [$"Setting {Name(section, key)} is missing."] : [];

    private sealed class SettingsValidator<TOptions>(string section, Func<TOptions, IEnumerable<string>> problems)
        : IValidateOptions<TOptions> where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var found = problems(options).ToList();
            return found.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(found.Select(p => $"{p} (section '{section}')"));
        }
    }
}
