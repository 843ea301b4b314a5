using Helsefellesskap.Functions.Benchmarks;

// Benchmarks print figures; they assert nothing and are not part of ./test.sh.
// Usage: dotnet run -c Release --project tests/Helsefellesskap.Benchmarks -- [intake] [count]
var which = args.FirstOrDefault() ?? "intake";
switch (which)
{
    case "intake":
        await IntakeBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}'. Known: intake");
        return 1;
}

return 0;
