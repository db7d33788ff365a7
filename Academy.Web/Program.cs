using Academy.Web.Data;
using Academy.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddAcademy();

var app = builder.Build();

if (args.Length > 0 && args[0] == CreateAdminCommand.Verb)
    return await CreateAdminCommand.RunAsync(app, args[1..]);
// Before the database is prepared: a restore needs the file to itself, and a backup changes nothing.
if (args.Length > 0 && args[0] == DatabaseCommands.Backup)
    return await DatabaseCommands.BackupAsync(app.Services, args[1..], Console.Out, Console.Error);
if (args.Length > 0 && args[0] == DatabaseCommands.Restore)
    return await DatabaseCommands.RestoreAsync(app.Services, args[1..], Console.Out, Console.Error);

await app.PrepareDatabaseAndContentAsync();
app.UseAcademy();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
