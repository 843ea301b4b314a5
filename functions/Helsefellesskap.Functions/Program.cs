using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Hosting;
using Microsoft.Extensions.Options;

try
{
    var app = HelsefellesskapApp.Build(HelsefellesskapApp.CreateBuilder(args));
    app.PrintStartBanner();
    await app.RunAsync();
}
catch (OptionsValidationException e)
{
    // A missing or malformed setting: say which, and stop.
    await Console.Error.WriteLineAsync("The app cannot start because of its settings:");
    foreach (var failure in e.Failures)
    {
        await Console.Error.WriteLineAsync($"  - {failure}");
    }

    return 1;
}

return 0;
