namespace Academy.Domain.People;

/// <summary>Who reports to whom. The line must never close on itself: an employee cannot be their own manager,
/// directly or through the people who report to them.</summary>
public static class ReportingLine
{
    /// <summary>The people from <paramref name="managerId"/> up to <paramref name="employeeId"/> when making the first
    /// the second's manager would close a circle: <c>[employeeId]</c> for their own manager, <c>[report, employeeId]</c>
    /// when the manager reports to the employee, and so on; empty when the line stays open.</summary>
    /// <param name="managerOf">Each employee's current manager (employees without one may be left out). A circle
    /// already in it, which the line never leads back to the employee from, does not make this loop.</param>
    public static IReadOnlyList<string> CircleIf(string employeeId, string managerId, IReadOnlyDictionary<string, string> managerOf)
    {
        var line = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string? current = managerId; current is not null && seen.Add(current); current = managerOf.GetValueOrDefault(current))
        {
            line.Add(current);
            if (current == employeeId) return line;
        }
        return [];
    }
}
