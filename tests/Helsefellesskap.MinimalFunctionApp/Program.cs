using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
using var host = builder.Build();
await host.RunAsync();

/// <summary>One function on the route the benchmark waits for.</summary>
public sealed class Health
{
    [Function("Health")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) => Results.Ok("ok");
}
