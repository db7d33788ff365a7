using System.ComponentModel.DataAnnotations;
using Academy.Domain.Assignments;
using Academy.Domain.Content;
using Academy.Web.Data;

namespace Academy.Web.Pages.Assignments;

/// <summary>The audience rule form: what is assigned, to whom (parts combined with AND or OR), and when it is due.</summary>
public sealed class AudienceForm
{
    [Required(ErrorMessage = "Choose a program or module.")]
    public string Item { get; set; } = "";

    public bool Everyone { get; set; }
    public bool MatchAll { get; set; }
    public string? Departments { get; set; }
    public string? JobRoles { get; set; }
    public string? Locations { get; set; }
    public string? ManagerId { get; set; }
    public bool AllReports { get; set; }
    public DateOnly? HiredAfter { get; set; }

    /// <summary>Email addresses, separated by commas or lines.</summary>
    public string? People { get; set; }

    public DueKind DueKind { get; set; }
    public DateOnly? DueOn { get; set; }

    [Range(1, 3650, ErrorMessage = "Enter a number of days from 1 to 3650.")]
    public int? DueDays { get; set; }

    [Required(ErrorMessage = "Say why this is assigned."), StringLength(500)]
    public string Reason { get; set; } = "";

    public static string Key(ItemKind kind, string id) => $"{kind.ToString().ToLowerInvariant()}:{id}";

    public (ItemKind Kind, string Id)? ParsedItem => Item.Split(':', 2) is [var kind, var id] && Enum.TryParse<ItemKind>(kind, true, out var k) ? (k, id) : null;

    public DuePolicy Due => DueKind switch
    {
        DueKind.Fixed => new DuePolicy(DueKind.Fixed, DueOn),
        DueKind.AfterHire or DueKind.AfterAssignment => new DuePolicy(DueKind, null, DueDays is { } days ? new Validity(days, ValidityUnit.Days) : null),
        _ => DuePolicy.None,
    };

    /// <summary>The rule the form describes; null when no part is filled in. People are given as ids already looked up.</summary>
    public AudienceRule? Rule(IReadOnlyList<string> peopleIds)
    {
        if (Everyone) return new Everyone();
        var parts = new List<AudienceRule>();
        if (Split(Departments) is { Count: > 0 } departments) parts.Add(new Departments(departments));
        if (Split(JobRoles) is { Count: > 0 } roles) parts.Add(new JobRoles(roles));
        if (Split(Locations) is { Count: > 0 } locations) parts.Add(new Locations(locations));
        if (!string.IsNullOrEmpty(ManagerId)) parts.Add(new TeamOf(ManagerId, AllReports));
        if (HiredAfter is { } date) parts.Add(new HiredAfter(date));
        if (Split(People).Count > 0) parts.Add(new People(peopleIds));
        return parts.Count switch { 0 => null, 1 => parts[0], _ => MatchAll ? new AllOf(parts) : new AnyOf(parts) };
    }

    public static List<string> Split(string? text) =>
        (text ?? "").Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>The form for a stored rule. A rule the form cannot show part by part (nested) is shown as its JSON only.</summary>
    public static AudienceForm From(AssignmentRule row, IReadOnlyDictionary<string, string> emailOf)
    {
        var form = new AudienceForm { Item = Key(row.ItemKind, row.ItemId), DueKind = row.DueKind, DueOn = row.DueOn, Reason = row.Reason };
        if (Validity.TryParse(row.DueAfter, out var after)) form.DueDays = after.Unit == ValidityUnit.Days ? after.Amount : null;
        var rule = row.Rule;
        var parts = rule switch { AllOf all => all.Rules, AnyOf any => any.Rules, null => [], _ => [rule] };
        form.MatchAll = rule is AllOf;
        foreach (var part in parts)
        {
            switch (part)
            {
                case Academy.Domain.Assignments.Everyone: form.Everyone = true; break;
                case Departments d: form.Departments = string.Join(", ", d.Names); break;
                case JobRoles j: form.JobRoles = string.Join(", ", j.Names); break;
                case Locations l: form.Locations = string.Join(", ", l.Names); break;
                case TeamOf t: (form.ManagerId, form.AllReports) = (t.ManagerId, t.AllReports); break;
                case HiredAfter h: form.HiredAfter = h.Date; break;
                case People p: form.People = string.Join(", ", p.EmployeeIds.Select(id => emailOf.GetValueOrDefault(id, id))); break;
            }
        }
        return form;
    }
}
