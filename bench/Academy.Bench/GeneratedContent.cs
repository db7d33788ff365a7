using System.Globalization;
using System.Text;
using Academy.Domain.Content;

namespace Academy.Bench;

/// <summary>A deterministic content folder shaped like <c>content/</c>: a <c>standards.md</c> and N modules with
/// the front matter of the real ones and 3-4 lessons of about 250 words, each with a list, emphasis and a quote,
/// and a table in about half of them. The same seed gives the same bytes, so runs compare.</summary>
public static class GeneratedContent
{
    private static readonly (string Id, string Title)[] Standards =
    [
        ("warm-welcome", "The warm welcome"),
        ("listen-first", "Listen before acting"),
        ("own-the-problem", "Own the problem"),
        ("keep-promises", "Keep every promise"),
        ("remember-preferences", "Remember preferences"),
        ("right-first-time", "Right first time"),
        ("serve-the-front-line", "Serve the front line"),
        ("initiative-within-limits", "Initiative within limits"),
    ];

    private static readonly string[] Groups =
        ["Front Desk", "Customer Support", "Reservations", "Billing", "Logistics", "IT", "Housekeeping", "Restaurant", "receptionist", "night auditor"];

    private static readonly string[] Refreshers = ["90 days", "6 months", "1 year", "2 years"];

    private static readonly string[] Topics =
    [
        "the late arrival", "a double charge", "the missing parcel", "a quiet room", "the cold dinner", "a lost booking",
        "the angry caller", "a refund request", "the returning guest", "an allergy note", "a broken promise", "the long queue",
        "a wrong address", "the delayed transfer", "a noisy neighbour", "a forgotten wake-up call", "the handover", "a billing error",
    ];

    private static readonly string[] Sentences =
    [
        "A customer decides within a few seconds whether they are welcome here, long before they decide whether we are competent.",
        "Acknowledging someone is not the same as serving them, and it costs only a look and one sentence.",
        "Before you offer a solution, let the customer finish and say back in your own words what you understood.",
        "The request a customer makes is not always the need behind it, so ask one open question before you act.",
        "Whoever first hears about a problem owns it until the customer confirms it is solved or a named colleague takes it over.",
        "Promise only what you control, always with a time, and keep it even if the only news is that there is no news yet.",
        "A vague estimate that you cannot keep turns a small disappointment into a broken promise.",
        "Anything that touches a customer's money, data or belongings is checked before it is submitted, not corrected afterwards.",
        "Record what the customer told you in words any colleague can act on, the same day, in their profile.",
        "A returning customer deserves to hear that the whole team remembered, not to repeat themselves at every desk.",
        "When the news is bad, welcome the person first, then tell the truth in one or two plain sentences.",
        "Never blame a colleague or another team in front of a customer: the customer sees one company, not departments.",
        "Offer what you can do now, as a choice whenever you can, and say who owns the problem from here.",
        "Back-office teams treat a request from a front-line colleague as a customer who is waiting.",
        "A short pause after the customer stops talking often brings the most important sentence of the conversation.",
        "Naming the impact is what turns a correct answer into the right one for this particular person.",
        "Within the recovery frame you may act on the spot, without asking anyone, to put something right.",
        "Beyond the frame, bring in the person who can decide straight away, and stay with the customer while you do.",
        "Write the confirmation with a reference, so the customer can check what was agreed without calling again.",
        "If you are unsure how to say a name, ask once and then get it right; most people are glad to be asked.",
        "Reading the moment matters: the same welcome lands differently on a tired family and on a traveller in a hurry.",
        "A queue with no acknowledgement feels twice as long as a queue where someone has said that they have seen you.",
        "Duplicate refunds usually happen when a customer has contacted two departments about the same problem.",
        "Look at the profile before the customer reaches you, so the first thing they hear shows they were expected.",
    ];

    private static readonly string[] Quotes =
    [
        "Understand first, then act. A fast answer to the wrong question is the slowest service there is.",
        "The customer deals with one person, not a chain of transfers.",
        "A promise without a time is only a hope.",
        "People remember how the problem was handled far longer than the problem itself.",
        "Right the first time is cheaper than right the second time, for them and for us.",
    ];

    private static readonly string[] Emphasised =
        ["acknowledged", "owned", "checked", "confirmed in writing", "recorded the same day", "on time", "in plain words", "by name"];

    /// <summary>The files of <c>standards.md</c> and <paramref name="modules"/> modules, with <c>content/</c>-relative paths.</summary>
    public static IReadOnlyList<SourceFile> Create(int modules, int seed = 2026)
    {
        var random = new Random(seed);
        var files = new List<SourceFile>(modules + 1) { new("standards.md", StandardsFile()) };
        for (var i = 1; i <= modules; i++)
        {
            var topic = Topics[random.Next(Topics.Length)];
            var id = string.Create(CultureInfo.InvariantCulture, $"m{i:000}-{Slug(topic)}");
            files.Add(new SourceFile($"modules/{id}/module.md", Module(random, topic, i)));
        }
        return files;
    }

    /// <summary>Writes the files under <paramref name="root"/>, as <see cref="Academy.Web.Data.ContentImporter"/> reads them.</summary>
    public static void WriteTo(string root, IEnumerable<SourceFile> files)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(root, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }
    }

    /// <summary>"201 files, 1234 KB, 56789 words": what a run measured.</summary>
    public static string Describe(IReadOnlyCollection<SourceFile> files) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{files.Count} files, {files.Sum(f => Encoding.UTF8.GetByteCount(f.Text)) / 1024} KB, {files.Sum(f => WordCount(new StringBuilder(f.Text), 0))} words");

    private static string StandardsFile()
    {
        var text = new StringBuilder();
        text.Append("---\ntitle: Service standards\n---\n");
        text.Append("These are the experiences every customer must get from us, whoever they deal with and whatever the channel.\n");
        foreach (var (id, title) in Standards)
            text.Append(CultureInfo.InvariantCulture, $"\n## {title} {{#{id}}}\n")
                .Append(Sentences[id.Length % Sentences.Length]).Append(' ')
                .Append(Sentences[(id.Length * 7) % Sentences.Length]).Append('\n');
        return text.ToString();
    }

    private static string Module(Random random, string topic, int number)
    {
        var text = new StringBuilder(8 * 1024);
        var standards = Standards.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(s => s.Id);
        text.Append("---\n")
            .Append(CultureInfo.InvariantCulture, $"title: Handling {topic}, part {number}\n")
            .Append("kind: ").Append(random.Next(2) == 0 ? "behavioral" : "technical").Append('\n')
            .Append("standards: [").AppendJoin(", ", standards).Append("]\n")
            .Append(CultureInfo.InvariantCulture, $"minutes: {5 * random.Next(3, 9)}\n");
        if (random.Next(4) != 0) text.Append("refresher: ").Append(Refreshers[random.Next(Refreshers.Length)]).Append('\n');
        text.Append("audience: ");
        if (random.Next(3) == 0) text.Append("everyone\n");
        else text.Append('[').AppendJoin(", ", Groups.OrderBy(_ => random.Next()).Take(random.Next(1, 5))).Append("]\n");
        text.Append("---\n");
        text.Append(CultureInfo.InvariantCulture, $"This module is about {topic}: what the customer needs, what our standards ask of you, and how to get it right the first time.\n");

        var lessons = random.Next(3, 5);
        var tableLesson = random.Next(1, lessons + 1);
        for (var lesson = 1; lesson <= lessons; lesson++)
            Lesson(text, random, topic, lesson, lesson == tableLesson || random.Next(3) == 0);
        return text.ToString();
    }

    /// <summary>About 250 words: two or three paragraphs, a list, a quote and sometimes a table.</summary>
    private static void Lesson(StringBuilder text, Random random, string topic, int number, bool table)
    {
        text.Append(CultureInfo.InvariantCulture, $"\n## Step {number}: {Capitalise(topic)} in practice\n");
        var start = text.Length;
        Paragraph(text, random, 3);

        if (random.Next(2) == 0)
        {
            foreach (var channel in new[] { "At a desk", "On the phone", "In chat or email" }.Take(random.Next(2, 4)))
                text.Append("- **").Append(channel).Append(":** ").Append(Pick(random, Sentences)).Append('\n');
        }
        else
        {
            for (var item = 1; item <= random.Next(3, 5); item++)
                text.Append(CultureInfo.InvariantCulture, $"{item}. ").Append(Pick(random, Sentences)).Append('\n');
        }
        text.Append("\n> ").Append(Pick(random, Quotes)).Append("\n\n");

        if (table)
        {
            text.Append("| What you notice | What it may mean | What you adapt |\n| --- | --- | --- |\n");
            for (var row = 0; row < random.Next(3, 5); row++)
                text.Append("| ").Append(Pick(random, Topics)).Append(" | ").Append(Pick(random, Groups)).Append(" is involved | Keep it ")
                    .Append(Pick(random, Emphasised)).Append(" |\n");
            text.Append('\n');
        }

        while (WordCount(text, start) < 250) Paragraph(text, random, 2);
    }

    private static void Paragraph(StringBuilder text, Random random, int sentences)
    {
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0) text.Append(' ');
            text.Append(Pick(random, Sentences));
        }
        text.Append(" Every time, the customer should feel *").Append(Pick(random, Emphasised)).Append("*.\n\n");
    }

    private static int WordCount(StringBuilder text, int start)
    {
        var words = 0;
        var inWord = false;
        for (var i = start; i < text.Length; i++)
        {
            var letter = !char.IsWhiteSpace(text[i]);
            if (letter && !inWord) words++;
            inWord = letter;
        }
        return words;
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static string Slug(string topic) => topic.Replace(' ', '-').Replace("'", "", StringComparison.Ordinal);

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
