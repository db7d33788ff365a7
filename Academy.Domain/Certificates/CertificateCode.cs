using System.Security.Cryptography;

namespace Academy.Domain.Certificates;

/// <summary>The code printed on a certificate and typed by whoever verifies it: 11 random characters and a check
/// character, from an alphabet without the look-alikes 0/O, 1/I/L, shown as <c>ABCD-EFGH-JKM7</c>.</summary>
/// <remarks>31^11 (about 2^54) random codes: with the verification page rate-limited, guessing one is hopeless. The check
/// character rejects every single mistyped character and every swap of two neighbours, so a typo or a tampered code
/// says "not a certificate code" without a database lookup.</remarks>
public static class CertificateCode
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 12;
    private const int GroupLength = 4;

    /// <summary>A new random code, in its canonical form (upper case, no separators).</summary>
    public static string NewCode()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length - 1; i++) code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        code[Length - 1] = CheckCharacter(code[..(Length - 1)]);
        return new string(code);
    }

    /// <summary>The canonical form of what a person typed or scanned, whatever its case, spaces and dashes; null when it
    /// is not a valid code (wrong length, a character outside the alphabet, or a check character that does not match).</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 64) return null;
        Span<char> code = stackalloc char[Length];
        var count = 0;
        foreach (var c in input)
        {
            if (c is ' ' or '-' or '\u2010' or '\u2011' or '\u2013' or '\t') continue;
            var upper = char.ToUpperInvariant(c);
            if (count == Length || Alphabet.IndexOf(upper) < 0) return null;
            code[count++] = upper;
        }
        if (count != Length || CheckCharacter(code[..(Length - 1)]) != code[Length - 1]) return null;
        return new string(code);
    }

    /// <summary>The canonical code in groups of four for print and display: <c>ABCD-EFGH-JKM7</c>.</summary>
    public static string Format(string code) =>
        string.Join('-', Enumerable.Range(0, (code.Length + GroupLength - 1) / GroupLength)
            .Select(i => code.Substring(i * GroupLength, Math.Min(GroupLength, code.Length - i * GroupLength))));

    /// <summary>The character that makes the weighted sum of the whole code (weights 1 to 12, by position) a multiple of 31.
    /// 31 is prime and the weights are distinct and non-zero below it, so any single changed character and any swap of
    /// two neighbours changes the sum: ISBN-10's scheme over a larger alphabet. (Luhn mod N needs an even N.)</summary>
    internal static char CheckCharacter(ReadOnlySpan<char> payload)
    {
        var n = Alphabet.Length;
        var sum = 0;
        for (var i = 0; i < payload.Length; i++) sum += (i + 1) * Alphabet.IndexOf(payload[i]);
        // Solve Length * c = -sum (mod 31) with the inverse of 12 modulo 31, which is 13 (12 * 13 = 156 = 5 * 31 + 1).
        const int inverseOfLength = 13;
        return Alphabet[(n - sum % n) % n * inverseOfLength % n];
    }
}
