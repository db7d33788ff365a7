using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Academy.Tests.Browser;

/// <summary>The accessibility check every browser test runs on the pages it visits.</summary>
public static class Axe
{
    /// <summary>WCAG 2.1 A and AA, and axe's best practices: every violation counts, whatever its impact.</summary>
    public static readonly AxeRunOptions Rules = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    };

    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(Rules);
        var violations = result.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}").ToList();
        Assert.True(violations.Count == 0, $"{page.Url}:\n{string.Join("\n", violations)}");
    }
}
