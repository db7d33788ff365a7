namespace Academy.Domain.Assignments;

public enum ItemKind { Program, Module }

/// <summary>Why an assignment exists: an audience rule, a person's decision, or an expiring completion.</summary>
public enum AssignmentSource { Rule, Manual, Refresher }

public readonly record struct AssignedItem(ItemKind Kind, string Id);

/// <summary>An employee's first-cycle assignment of an item as stored (refreshers are later cycles and not here).</summary>
public sealed record ExistingAssignment(long Id, AssignedItem Item, AssignmentSource Source, bool Completed, bool Removed);

public sealed record SyncPlan(IReadOnlyList<AssignedItem> Add, IReadOnlyList<long> Remove, IReadOnlyList<long> Restore)
{
    public bool IsEmpty => Add.Count == 0 && Remove.Count == 0 && Restore.Count == 0;
}

/// <summary>Brings one employee's rule assignments in line with the rules that match them now.</summary>
public static class AssignmentSync
{
    /// <summary>Wanted items not yet assigned are added; a rule assignment that was withdrawn and is wanted again comes
    /// back (the same row, so its history stays); a rule assignment no longer wanted is withdrawn unless completed.
    /// Manual assignments are never withdrawn by a rule.</summary>
    public static SyncPlan Plan(IReadOnlyCollection<AssignedItem> wanted, IReadOnlyList<ExistingAssignment> existing)
    {
        var byItem = existing.ToDictionary(e => e.Item);
        var wantedSet = wanted.ToHashSet();
        var add = wantedSet.Where(item => !byItem.ContainsKey(item)).ToList();
        var restore = wantedSet.Where(item => byItem.TryGetValue(item, out var e) && e.Removed).Select(item => byItem[item].Id).ToList();
        var remove = existing.Where(e => e.Source == AssignmentSource.Rule && !e.Completed && !e.Removed && !wantedSet.Contains(e.Item))
            .Select(e => e.Id).ToList();
        return new SyncPlan(add, remove, restore);
    }
}
