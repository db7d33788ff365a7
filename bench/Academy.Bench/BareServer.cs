using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Academy.Bench;

/// <summary>The ceiling for the module page: Kestrel returning the page's saved bytes from memory, with no
/// middleware, no authentication, no database and no view rendering.</summary>
public static class BareServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var fileIndex = Array.IndexOf(args, "--file");
        if (fileIndex < 0 || fileIndex + 1 >= args.Length)
        {
            Console.Error.WriteLine("usage: Academy.Bench bare --file page.html [--urls http://127.0.0.1:5081]");
            return 2;
        }
        var page = await File.ReadAllBytesAsync(args[fileIndex + 1]);
        var rest = args.Where((_, i) => i != fileIndex && i != fileIndex + 1).ToArray();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = rest,
            EnvironmentName = Environments.Production,
            // Not the working directory: the referenced Academy.Web copies its appsettings.json beside this program.
            ContentRootPath = Path.GetTempPath(),
        });
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/", () => Results.Bytes(page, "text/html; charset=utf-8"));
        Console.WriteLine($"Serving {page.Length} bytes at /");
        await app.RunAsync();
        return 0;
    }
}
