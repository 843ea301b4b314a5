using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Tests.Hosting;

/// <summary>A missing or malformed setting stops the app at start, with a message that names the setting.</summary>
public sealed class SettingsTests
{
    public static TheoryData<string, string?, string> Broken => new()
    {
        { "Storage:ConnectionString", null, "'Storage__ConnectionString' (Storage:ConnectionString) is missing" },
        { "Storage:ConnectionString", "AccountName=;Nonsense", "Storage__ConnectionString" },
        { "Secretariat:Key", "kort", "'Secretariat__Key'" },
        { "Links:PublicBaseUrl", "ftp://example.org", "'Links__PublicBaseUrl'" },
        { "Links:SigningKey", "for-kort", "'Links__SigningKey'" },
        { "Email:FromAddress", "ikke en adresse", "'Email__FromAddress'" },
        { "Community:ReferencePrefix", "hfh", "'Community__ReferencePrefix'" },
        { "Intake:MaxCaseBytes", "10", "'Intake__MaxCaseBytes'" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task BadSetting_StopsTheStart_NamingTheSetting(string key, string? value, string expected)
    {
        var settings = AppFixture.Settings("UseDevelopmentStorage=true", $"http://127.0.0.1:{Azurite.FreePort()}");
        settings[key] = value;
        settings["Community:Definition"] = "";
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => AppFixture.StartApp(settings));
        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
