using System.Text.Json;
using System.Text.Json.Serialization;
using Academy.Domain.Content;

namespace Academy.Domain.Assignments;

/// <summary>What an audience rule looks at about one employee.</summary>
public sealed record EmployeeFacts(string Id, string? Department, string? JobRole, string? Location, string? ManagerId, DateOnly? HireDate);

/// <summary>Who reports to whom, so that "a manager's team" can mean the direct reports or everyone below. Either the
/// whole chart (each employee's manager), or, for the jobs, only the teams the rules name, read with a recursive query
/// so that memory does not grow with the organisation.</summary>
public sealed class OrgChart
{
    public static readonly OrgChart Empty = new(new Dictionary<string, string?>());

    private readonly IReadOnlyDictionary<string, string?>? _managerOf;
    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>>? _allReportsOf;

    public OrgChart(IReadOnlyDictionary<string, string?> managerOf) => _managerOf = managerOf;

    private OrgChart(IReadOnlyDictionary<string, IReadOnlySet<string>> allReportsOf) => _allReportsOf = allReportsOf;

    /// <summary>A chart that knows, for each listed manager, everyone below them; any other manager has no one below.</summary>
    public static OrgChart FromTeams(IReadOnlyDictionary<string, IReadOnlySet<string>> allReportsOf) => new(allReportsOf);

    /// <summary>True when <paramref name="managerId"/> is the employee's manager, or (with <paramref name="allReports"/>)
    /// their manager's manager and so on. A loop in the data ends the walk instead of hanging it.</summary>
    public bool ReportsTo(EmployeeFacts employee, string managerId, bool allReports)
    {
        if (employee.ManagerId == managerId) return true;
        if (!allReports) return false;
        if (_allReportsOf is not null) return _allReportsOf.TryGetValue(managerId, out var team) && team.Contains(employee.Id);
        var seen = new HashSet<string> { employee.Id };
        for (var current = employee.ManagerId; current is not null && seen.Add(current);)
        {
            if (current == managerId) return true;
            current = _managerOf!.TryGetValue(current, out var next) ? next : null;
        }
        return false;
    }
}

/// <summary>An audience: who a program or module is assigned to. Rules combine with <see cref="AllOf"/> (AND) and
/// <see cref="AnyOf"/> (OR); stored as JSON, so a saved rule reads back as the same tree.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Everyone), "everyone")]
[JsonDerivedType(typeof(Departments), "departments")]
[JsonDerivedType(typeof(JobRoles), "job-roles")]
[JsonDerivedType(typeof(Locations), "locations")]
[JsonDerivedType(typeof(TeamOf), "team")]
[JsonDerivedType(typeof(HiredAfter), "hired-after")]
[JsonDerivedType(typeof(People), "people")]
[JsonDerivedType(typeof(AllOf), "all")]
[JsonDerivedType(typeof(AnyOf), "any")]
public abstract record AudienceRule
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public abstract bool Matches(EmployeeFacts employee, OrgChart org);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored rule; <c>null</c> when the text is not a rule (a damaged row matches nobody rather than everyone).</summary>
    public static AudienceRule? FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<AudienceRule>(json, Json); }
        catch (JsonException) { return null; }
        catch (NotSupportedException) { return null; }
    }

    /// <summary>The <c>audience:</c> of a content file: everyone, or anyone whose department or job role is listed.</summary>
    public static AudienceRule FromContent(Audience audience) =>
        audience.Everyone ? new Everyone() : new AnyOf([new Departments(audience.Groups), new JobRoles(audience.Groups)]);

    /// <summary>The managers whose whole reporting line the rule names (team rules with all reports), nested rules included.</summary>
    public IEnumerable<string> ManagersOfAllReports() => this switch
    {
        TeamOf { AllReports: true } team => [team.ManagerId],
        AllOf all => all.Rules.SelectMany(r => r.ManagersOfAllReports()),
        AnyOf any => any.Rules.SelectMany(r => r.ManagersOfAllReports()),
        _ => [],
    };

    /// <summary>The managers of every team rule, direct or all reports, nested rules included.</summary>
    public IEnumerable<string> TeamManagers() => this switch
    {
        TeamOf team => [team.ManagerId],
        AllOf all => all.Rules.SelectMany(r => r.TeamManagers()),
        AnyOf any => any.Rules.SelectMany(r => r.TeamManagers()),
        _ => [],
    };

    protected static bool Listed(IReadOnlyList<string> values, string? value) =>
        value is not null && values.Any(v => string.Equals(v.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase));
}

public sealed record Everyone : AudienceRule
{
    public override bool Matches(EmployeeFacts employee, OrgChart org) => true;
}

public sealed record Departments(IReadOnlyList<string> Names) : AudienceRule
{
    public override bool Matches(EmployeeFacts employee, OrgChart org) => Listed(Names, employee.Department);
}

public sealed record JobRoles(IReadOnlyList<string> Names) : AudienceRule
{
    public override bool Matches(EmployeeFacts employee, OrgChart org) => Listed(Names, employee.JobRole);
}

public sealed record Locations(IReadOnlyList<string> Names) : AudienceRule
{
    public override bool Matches(EmployeeFacts employee, OrgChart org) => Listed(Names, employee.Location);
}

/// <summary>A manager's team: their direct reports, or with <paramref name="AllReports"/> everyone below them. Not the manager.</summary>
public sealed record TeamOf(string ManagerId, bool AllReports) : AudienceRule
{
    public override bool Matches(EmployeeFacts employee, OrgChart org) => org.ReportsTo(employee, ManagerId, AllReports);
}

/// <summary>Hired on or after the date; an employee without a hire date is not matched.</summary>
public sealed record HiredAfter(DateOnly Date) : AudienceRule
{
    public override bool Matches(EmployeeFacts employee, OrgChart org) => employee.HireDate >= Date;
}

public sealed record People(IReadOnlyList<string> EmployeeIds) : AudienceRule
{
    public override bool Matches(EmployeeFacts employee, OrgChart org) => EmployeeIds.Contains(employee.Id);
}

/// <summary>AND: every rule matches. With no rule it matches nobody, so an empty form never means everyone.</summary>
public sealed record AllOf(IReadOnlyList<AudienceRule> Rules) : AudienceRule
{
    public override bool Matches(EmployeeFacts employee, OrgChart org) => Rules.Count > 0 && Rules.All(r => r.Matches(employee, org));
}

/// <summary>OR: at least one rule matches.</summary>
public sealed record AnyOf(IReadOnlyList<AudienceRule> Rules) : AudienceRule
{
    public override bool Matches(EmployeeFacts employee, OrgChart org) => Rules.Any(r => r.Matches(employee, org));
}
