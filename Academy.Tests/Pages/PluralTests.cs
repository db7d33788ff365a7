using System.Globalization;
using Academy.Domain.Content;
using Academy.Web;
using Academy.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class PluralTests(AcademyFactory factory)
{
    [Theory]
    [InlineData("en", 0, false)]
    [InlineData("en", 1, true)]
    [InlineData("en", 2, false)]
    [InlineData("fr", 0, true)]
    [InlineData("fr", 1, true)]
    [InlineData("fr", 2, false)]
    public void IsOne_FollowsTheLanguage(string language, int count, bool one) =>
        Assert.Equal(one, Plurals.IsOne(count, new CultureInfo(language)));

    [Fact]
    public async Task Catalog_CountsModulesInTheSingular_WhenOneOrNoneIsFound()
    {
        var english = await factory.SignInAsync("omar@academy.test");
        var french = await factory.SignInAsync("lea@academy.test");

        Assert.Equal("1 module", (await english.GetDocumentAsync("/catalog?q=refund")).QuerySelector("p[role=status]")!.TextContent);
        Assert.Equal("0 modules", (await english.GetDocumentAsync("/catalog?q=zzz-nothing")).QuerySelector("p[role=status]")!.TextContent);
        Assert.Equal("1 module", (await french.GetDocumentAsync("/catalog?q=refund")).QuerySelector("p[role=status]")!.TextContent);
        Assert.Equal("0 module", (await french.GetDocumentAsync("/catalog?q=zzz-nothing")).QuerySelector("p[role=status]")!.TextContent);
    }

    [Fact]
    public async Task Employees_AreCountedInTheSingular_WhenTheSearchFindsOne()
    {
        var admin = await factory.SignInAsync("admin@academy.test");

        var one = await admin.GetDocumentAsync("/admin/employees?q=nina%40academy.test");

        Assert.Equal("1 employee", one.QuerySelector("p[role=status]")!.TextContent);
    }

    [Fact]
    public async Task ProgramDeadline_IsCountedInDays()
    {
        var client = await factory.SignInAsync("omar@academy.test");

        var program = await client.GetDocumentAsync("/programs/back-office");

        Assert.Contains("to complete within 60 days", program.QuerySelector("main > p.meta:not(:first-child)")!.TextContent);
    }

    [Theory]
    [InlineData("en", 1, ValidityUnit.Days, "1 day")]
    [InlineData("en", 30, ValidityUnit.Days, "30 days")]
    [InlineData("en", 1, ValidityUnit.Years, "1 year")]
    [InlineData("fr", 1, ValidityUnit.Days, "1 jour")]
    [InlineData("fr", 1, ValidityUnit.Years, "1 an")]
    [InlineData("fr", 2, ValidityUnit.Years, "2 ans")]
    [InlineData("fr", 6, ValidityUnit.Months, "6 mois")]
    public void Durations_AreTranslated_InTheRightNumber(string language, int amount, ValidityUnit unit, string expected) =>
        Assert.Equal(expected, InLanguage(language, t => UiText.Duration(new Validity(amount, unit), t)));

    [Theory]
    [InlineData("en", 0, "0 lessons")]
    [InlineData("en", 1, "1 lesson")]
    [InlineData("fr", 0, "0 leçon")]
    [InlineData("fr", 1, "1 leçon")]
    [InlineData("fr", 3, "3 leçons")]
    public void Plural_TakesTheFormThePageLanguageWants(string language, int count, string expected) =>
        Assert.Equal(expected, InLanguage(language, t => t.Plural(count, "{0} lesson", "{0} lessons").Value));

    private string InLanguage(string language, Func<IStringLocalizer, string> text)
    {
        var t = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try
        {
            return text(t);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
