using Academy.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Admin.Employees;

public sealed class IndexModel(AcademyDbContext db) : PageModel
{
    public sealed record Row(string Id, string FullName, string? Email, string? EmployeeNumber, string? Department, string? JobRole, bool IsActive, IReadOnlyList<string> Roles);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool Inactive { get; set; }
    [TempData] public string? Message { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (!Inactive) query = query.Where(u => u.IsActive);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToLower();
            query = query.Where(u => u.FullName.ToLower().Contains(q) || u.Email!.ToLower().Contains(q) || (u.EmployeeNumber != null && u.EmployeeNumber.ToLower().Contains(q)));
        }
        var users = await query.OrderBy(u => u.FullName).Take(500)
            .Select(u => new { u.Id, u.FullName, u.Email, u.EmployeeNumber, u.Department, u.JobRole, u.IsActive }).ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var roles = (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken)).ToLookup(x => x.UserId, x => x.Name!);
        Rows = users.Select(u => new Row(u.Id, u.FullName, u.Email, u.EmployeeNumber, u.Department, u.JobRole, u.IsActive, roles[u.Id].Order().ToList())).ToList();
    }
}
