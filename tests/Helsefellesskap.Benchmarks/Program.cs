using Helsefellesskap.Functions.Benchmarks;

// Benchmarks print figures; they assert nothing and are not part of ./test.sh.
// Usage: dotnet run -c Release --project tests/Helsefellesskap.Benchmarks -- intake [count] | load [count] [concurrent] | pdf | ticker
var which = args.FirstOrDefault() ?? "intake";
switch (which)
{
    case "intake":
        await IntakeBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
        break;
    case "load":
        await LoadBenchmark.Run(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 50);
        break;
    case "pdf":
        await PdfBenchmark.Run();
        break;
    case "pdf-once":
        await PdfBenchmark.RunOnce();
        break;
    case "ticker":
        await TickerBenchmark.Run(1000, 50);
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}'. Known: intake, load, pdf, ticker");
        return 1;
}

return 0;
