namespace Academy.Web.Pages.Workspace;

/// <summary>Starting texts for new files: valid as they stand, so the preview works from the first second,
/// and written to show the format to a trainer who has not read the guide.</summary>
public static class Templates
{
    public static string For(string kind, string title) => kind switch
    {
        "module" => $$"""
            ---
            title: {{Yaml(title)}}
            kind: behavioral
            minutes: 15
            refresher: 1 year
            audience: everyone
            ---
            One or two sentences that say what the learner will be able to do.

            ## The first lesson

            Each `##` heading starts a lesson page. Write what the customer experiences, then what the employee does.

            ## The second lesson

            Use lists, **emphasis** and tables as you need them.
            """,
        "check" => $$"""
            ---
            title: {{Yaml(title)}}
            pass: 80
            ---
            ## A first question {#first}

            What must happen before a refund is made?

            - [x] The original purchase is found.
              > Right: every refund starts from the purchase it reverses.
            - [ ] The customer signs a form.
              > Not needed: the purchase record is the proof.
            """,
        _ => Scenario(title, """
            The briefing: where the learner works and what they know before the first decision. Learners read it
            before they start.
            """),
    };

    /// <summary>A scenario whose briefing is a colleague's story in practice, quoted as it was told: a quote keeps a
    /// line of the story that looks like a step heading or a choice from being read as one.</summary>
    public static string Story(string title, string story) =>
        Scenario(title, string.Join("\n", story.Replace("\r\n", "\n").Split('\n').Select(line => ("> " + line).TrimEnd())));

    private static string Scenario(string title, string briefing) => $$"""
            ---
            title: {{Yaml(title)}}
            pass: 70
            ---
            {{briefing}}

            ## The situation {#start}

            Describe the moment: who the customer is, what just happened, what they feel.

            - [1] A weak but understandable response. -> recover
              > What it misses.
            - [3] The best response for this customer. -> listen
              > Why it works for this customer.

            ## Understanding the need {#listen}

            What the customer says once they feel heard. Each learner sees the choices in an order of their own.

            - [2] A good answer that does a little less. -> good
              > What would have made it the best.
            - [3] Act on what you heard. -> good
              > Why acting on it now matters.

            ## A second chance {#recover}

            The customer reacts to the weak response. What now?

            - [0] Making it worse. -> end
              > Why this loses the customer.
            - [3] The way back. -> good
              > How it repairs the moment.

            ## The customer leaves happy {#good}

            Close the story: what the customer tells others about this moment.
            """;

    /// <summary>A program listing <paramref name="moduleIds"/> (a trainer replaces them with their own), with every
    /// front-matter key a program takes, so that the template shows them all.</summary>
    public static string Program(string id, string title, IEnumerable<string> moduleIds) =>
        $$"""
        ---
        id: {{id}}
        title: {{Yaml(title)}}
        audience: everyone
        due: 30 days
        certificate: true
        ---
        One or two sentences for learners: who this program is for and what they will be able to do at the end.
        'audience' is everyone, or a list of departments and job roles such as [Billing, IT]; 'due' counts from the
        day a learner is assigned the program; with 'certificate: true', completing every module issues a certificate.

        The numbered list gives the modules' ids, in the order learners take them:
        """ + "\n\n" + string.Concat(moduleIds.Select((m, i) => $"{i + 1}. {m}\n"));

    private static string Yaml(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
