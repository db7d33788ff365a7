namespace Academy.Domain.Assignments;

/// <summary>What saving a rule would change: who gains the assignment and who loses it (completed work is kept).</summary>
public sealed record AudiencePreview(IReadOnlyList<string> Gains, IReadOnlyList<string> Losses, int MatchCount)
{
    public bool MatchesNobody => MatchCount == 0;

    /// <param name="before">The employees the rule matches now (none for a new rule).</param>
    /// <param name="after">The employees the rule would match once saved.</param>
    public static AudiencePreview Compare(IReadOnlyCollection<string> before, IReadOnlyCollection<string> after)
    {
        var was = before.ToHashSet();
        var will = after.ToHashSet();
        return new AudiencePreview(after.Where(id => !was.Contains(id)).ToList(), before.Where(id => !will.Contains(id)).ToList(), will.Count);
    }
}
