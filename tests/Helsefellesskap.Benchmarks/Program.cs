using Helsefellesskap.Functions.Benchmarks;

// Benchmarks print figures; they assert nothing and are not part of ./test.sh.
// Usage: dotnet run -c Release --project tests/Helsefellesskap.Benchmarks -- intake [count] | load [count] [concurrent] | kill [count] [concurrent] [answers before the kill] | pdf | packet | ticker | workspace | summons-send | start | scaling [1 4 16] | absences [9] | intake-ab [commit] [count] [concurrent] [rounds] [daily]
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
    case "packet":
        await PacketBenchmark.Run();
        break;
    case "pdf-once":
        await PdfBenchmark.RunOnce();
        break;
    case "kill":
        await KillBenchmark.Run(
            args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 400,
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20,
            args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 150);
        break;
    case "serve":
        await KillBenchmark.Serve(args[1], args[2]);
        break;
    case "summons-send":
        await SummonsSendBenchmark.Run();
        break;
    case "workspace":
        await WorkspaceBenchmark.Run();
        break;
    case "scaling":
        await ScalingBenchmark.Run(args.Length > 1 ? args[1..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToList() : [1, 4, 16]);
        break;
    case "start":
        await StartBenchmark.Run();
        break;
    case "intake-ab":
        await IntakeComparison.Run(
            args.Length > 1 ? args[1] : "848977b",
            args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000,
            args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 50,
            args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 3,
            args.Contains("daily"));
        break;
    case "absences":
        await AbsenceBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9);
        break;
    case "ticker":
        await TickerBenchmark.Run(1000, 50);
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}'. Known: intake, load, kill, pdf, ticker, absences, intake-ab, workspace, summons-send, start, scaling");
        return 1;
}

return 0;
