using Academy.Domain.Certificates;

namespace Academy.Tests.Domain;

public sealed class CertificateRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Status_IsValid_WhenNothingElseApplies()
    {
        Assert.Equal(CertificateStatus.Valid, CertificateRules.Status(null, null, null, Now));
        Assert.Equal(CertificateStatus.Valid, CertificateRules.Status(null, null, Now.AddDays(1), Now));
    }

    [Fact]
    public void Status_IsExpired_FromTheExpiryInstant()
    {
        Assert.Equal(CertificateStatus.Expired, CertificateRules.Status(null, null, Now, Now));
        Assert.Equal(CertificateStatus.Expired, CertificateRules.Status(null, null, Now.AddDays(-1), Now));
    }

    [Fact]
    public void Status_IsSuperseded_EvenWhenExpired()
    {
        Assert.Equal(CertificateStatus.Superseded, CertificateRules.Status(null, 7, Now.AddDays(-1), Now));
    }

    [Fact]
    public void Status_IsRevoked_WhateverElseApplies()
    {
        Assert.Equal(CertificateStatus.Revoked, CertificateRules.Status(Now.AddDays(-2), 7, Now.AddDays(-1), Now));
    }

    [Fact]
    public void ExpiresAt_IsTheEarliestExpiry_OrNoneWhenNothingExpires()
    {
        CompletionBehind[] some = [new(1, "a", Now, Now.AddYears(2)), new(2, "b", Now, null), new(3, "c", Now, Now.AddYears(1))];
        CompletionBehind[] none = [new(1, "a", Now, null), new(2, "b", Now, null)];

        Assert.Equal(Now.AddYears(1), CertificateRules.ExpiresAt(some));
        Assert.Null(CertificateRules.ExpiresAt(none));
    }

    [Fact]
    public void Behind_IsNull_UntilEveryModuleHasACurrentCompletion()
    {
        var latest = new Dictionary<string, CompletionBehind>
        {
            ["a"] = new(1, "a", Now.AddDays(-10), null),
            ["b"] = new(2, "b", Now.AddDays(-400), Now.AddDays(-35)),
        };

        Assert.Null(CertificateRules.Behind(["a", "b"], latest, Now));
        Assert.Null(CertificateRules.Behind(["a", "c"], latest, Now));
        Assert.Null(CertificateRules.Behind([], latest, Now));
        Assert.Equal([1], CertificateRules.Behind(["a"], latest, Now)!.Select(c => c.CompletionId));
    }

    [Fact]
    public void CompletionKey_IgnoresOrder_ButChangesWithARecertification()
    {
        CompletionBehind[] first = [new(4, "a", Now, null), new(2, "b", Now, null)];
        CompletionBehind[] sameReordered = [new(2, "b", Now, null), new(4, "a", Now, null)];
        CompletionBehind[] refreshed = [new(9, "a", Now, null), new(2, "b", Now, null)];

        Assert.Equal("2,4", CertificateRules.CompletionKey(first));
        Assert.Equal(CertificateRules.CompletionKey(first), CertificateRules.CompletionKey(sameReordered));
        Assert.NotEqual(CertificateRules.CompletionKey(first), CertificateRules.CompletionKey(refreshed));
    }

    [Fact]
    public void IssuedAt_IsTheLastCompletion()
    {
        CompletionBehind[] completions = [new(1, "a", Now.AddDays(-3), null), new(2, "b", Now.AddDays(-1), null)];
        Assert.Equal(Now.AddDays(-1), CertificateRules.IssuedAt(completions));
    }
}
