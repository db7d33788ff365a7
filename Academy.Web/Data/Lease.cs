using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Data;

/// <summary>A named piece of work that one node of the site does at a time (the content import): a node holds it
/// until <see cref="ExpiresAt"/>, so that a node that dies while holding it blocks the others for that long only.</summary>
public sealed class Lease
{
    public const string ContentImport = "content-import";

    public string Name { get; set; } = "";

    /// <summary>The node (<see cref="Infrastructure.NodeIdentity"/>) that holds it or held it last.</summary>
    public string? Holder { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the work it guards last finished, and on which node: the operations page shows the last import.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    public string? CompletedBy { get; set; }

    /// <summary>Takes the lease when nobody holds it (or its holder's time ran out): one UPDATE whose WHERE says so,
    /// which the database runs for one node at a time whatever the provider; the row count says who won.</summary>
    public static async Task<bool> TryTakeAsync(AcademyDbContext db, string name, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now + duration;
        var taken = await db.Leases.Where(l => l.Name == name && l.ExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        return taken == 1;
    }

    /// <summary>Frees the lease at once, if <paramref name="holder"/> still holds it, and when the work was
    /// <paramref name="completed"/>, records when and where.</summary>
    public static Task ReleaseAsync(AcademyDbContext db, string name, string holder, DateTimeOffset now, bool completed, CancellationToken cancellationToken)
    {
        var held = db.Leases.Where(l => l.Name == name && l.Holder == holder);
        return completed
            ? held.ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now).SetProperty(l => l.CompletedAt, now).SetProperty(l => l.CompletedBy, holder), cancellationToken)
            : held.ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), cancellationToken);
    }
}
