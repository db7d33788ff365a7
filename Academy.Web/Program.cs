using Academy.Web.Data;
using Academy.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddAcademy();

var app = builder.Build();

if (args.Length > 0 && args[0] == CreateAdminCommand.Verb)
    return await CreateAdminCommand.RunAsync(app, args[1..]);

await app.PrepareDatabaseAndContentAsync();
app.UseAcademy();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
