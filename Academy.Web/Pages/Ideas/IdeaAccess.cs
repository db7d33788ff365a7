using Academy.Domain.Practice;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Ideas;

/// <summary>Who may decide on an idea: the author's managers, at any depth, read from the reporting line.</summary>
public static class IdeaAccess
{
    /// <summary>The author's manager, their manager, and so on up the line; a line that closes on itself stops.</summary>
    public static async Task<IReadOnlyList<string>> ManagersOfAsync(AcademyDbContext db, string authorId, CancellationToken cancellationToken)
    {
        var chain = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { authorId };
        var current = await db.Users.Where(u => u.Id == authorId).Select(u => u.ManagerId).SingleOrDefaultAsync(cancellationToken);
        while (current is not null && seen.Add(current))
        {
            chain.Add(current);
            var next = current;
            current = await db.Users.Where(u => u.Id == next).Select(u => u.ManagerId).SingleOrDefaultAsync(cancellationToken);
        }
        return chain;
    }

    public static async Task<bool> MayDecideAsync(AcademyDbContext db, string authorId, string deciderId, bool isHrOrAdmin, CancellationToken cancellationToken) =>
        isHrOrAdmin || IdeaRules.MayDecide(deciderId, false, await ManagersOfAsync(db, authorId, cancellationToken));
}
