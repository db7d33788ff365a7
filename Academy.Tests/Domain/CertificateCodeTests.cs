using Academy.Domain.Certificates;

namespace Academy.Tests.Domain;

public sealed class CertificateCodeTests
{
    [Fact]
    public void NewCode_IsTwelveCharactersOfTheAlphabet_AndNormalizesToItself()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = CertificateCode.NewCode();
            Assert.Equal(12, code.Length);
            Assert.All(code, c => Assert.Contains(c, CertificateCode.Alphabet));
            Assert.Equal(code, CertificateCode.Normalize(code));
        }
    }

    [Fact]
    public void Alphabet_LeavesOutLookAlikes()
    {
        foreach (var c in "0O1IL") Assert.DoesNotContain(c, CertificateCode.Alphabet);
        Assert.Equal(31, CertificateCode.Alphabet.Distinct().Count());
    }

    [Fact]
    public void NewCode_IsNotRepeated()
    {
        var codes = Enumerable.Range(0, 5000).Select(_ => CertificateCode.NewCode()).ToHashSet();
        Assert.Equal(5000, codes.Count);
    }

    [Fact]
    public void Format_GroupsByFour()
    {
        Assert.Equal("ABCD-EFGH-JKMN", CertificateCode.Format("ABCDEFGHJKMN"));
    }

    [Fact]
    public void Normalize_AcceptsAnyCaseSpacesAndDashes()
    {
        var code = CertificateCode.NewCode();
        var typed = $" {CertificateCode.Format(code).ToLowerInvariant()} ";
        var spaced = string.Join(' ', code.Chunk(3).Select(c => new string(c)));

        Assert.Equal(code, CertificateCode.Normalize(typed));
        Assert.Equal(code, CertificateCode.Normalize(spaced));
        Assert.Equal(code, CertificateCode.Normalize(code.ToLowerInvariant()));
    }

    [Fact]
    public void Normalize_RejectsEverySingleCharacterChange()
    {
        var code = CertificateCode.NewCode();
        for (var position = 0; position < code.Length; position++)
            foreach (var replacement in CertificateCode.Alphabet.Where(c => c != code[position]))
            {
                var tampered = code[..position] + replacement + code[(position + 1)..];
                Assert.Null(CertificateCode.Normalize(tampered));
            }
    }

    [Fact]
    public void Normalize_RejectsEverySwapOfNeighbours()
    {
        var rejected = 0;
        var swaps = 0;
        for (var i = 0; i < 300; i++)
        {
            var code = CertificateCode.NewCode();
            for (var p = 0; p < code.Length - 1; p++)
            {
                if (code[p] == code[p + 1]) continue;
                swaps++;
                var swapped = code[..p] + code[p + 1] + code[p] + code[(p + 2)..];
                if (CertificateCode.Normalize(swapped) is null) rejected++;
            }
        }
        Assert.Equal(swaps, rejected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("ABCD-EFGH-JKM")]
    [InlineData("ABCD-EFGH-JKMNP")]
    [InlineData("ABCD-EFGH-JK0N")]
    [InlineData("ABCD-EFGH-JKIN")]
    [InlineData("ABCD/EFGH/JKMN")]
    [InlineData("<script>alert(1)</script>")]
    public void Normalize_RejectsWhatIsNotACode(string? input)
    {
        Assert.Null(CertificateCode.Normalize(input));
    }

    [Fact]
    public void Normalize_RejectsATruncatedCode()
    {
        var code = CertificateCode.NewCode();
        Assert.Null(CertificateCode.Normalize(code[..^1]));
        Assert.Null(CertificateCode.Normalize(code[1..]));
    }
}
