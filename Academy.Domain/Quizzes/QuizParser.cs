using System.Globalization;
using Academy.Domain.Content;

namespace Academy.Domain.Quizzes;

/// <summary>Reads a quiz or scenario file (<c>*.quiz.md</c>), as described in content/README.md.</summary>
public static class QuizParser
{
    public const int DefaultPass = 80;

    private static readonly string[] Keys = ["title", "pass", "draw", "shuffle"];

    /// <summary>Parses one quiz file. Pure: it reads nothing but its arguments and never throws on bad content.</summary>
    /// <param name="quizId">The file name without <c>.quiz.md</c> and language, e.g. <c>late-arrival</c>.</param>
    /// <returns>The quiz, or <c>null</c> with every error found, each on its file line and sorted by line.</returns>
    public static (QuizDocument? Document, IReadOnlyList<ContentError> Errors) Parse(SourceFile file, string moduleId, string quizId, string language)
    {
        var errors = new List<ContentError>();
        var front = FrontMatter.Parse(file.Path, file.Text, errors);
        if (front is null) return (null, errors);

        front.RejectUnknownKeys(Keys, errors);
        var title = front.String("title", required: true, errors);
        var pass = front.Int("pass", 0, 100, errors) ?? DefaultPass;
        var draw = front.Int("draw", 1, 1000, errors);
        var shuffle = front.Bool("shuffle", errors) switch
        {
            true => ChoiceShuffle.All,
            false => ChoiceShuffle.None,
            null => ChoiceShuffle.Judgments,
        };

        var reader = new QuizStepReader(front, $"/media/{moduleId}/", errors);
        var drafts = reader.Read();
        var quiz = new QuizDocument(quizId, moduleId, language, title ?? "", pass, draw, shuffle, drafts.Select(d => d.Step).ToList(), reader.BriefingHtml);
        if (drafts.Count > 0) new Checks(quiz, drafts, front, errors).Run();

        var sorted = errors.OrderBy(e => e.Line).ToList(); // OrderBy is stable: errors on one line keep their order.
        return (sorted.Count == 0 ? quiz : null, sorted);
    }

    /// <summary>The rules that need the whole quiz: where jumps lead, loops, reachability, draw, and whether a
    /// weaker choice could out-earn the best one.</summary>
    private sealed class Checks(QuizDocument quiz, IReadOnlyList<StepDraft> drafts, FrontMatter front, List<ContentError> errors)
    {
        private readonly int[][] _targets = QuizGraph.Targets(quiz);

        public void Run()
        {
            CheckJumps();
            CheckMultiSelectJumps();
            CheckLoops();
            CheckReachable();
            CheckQuestions();
            CheckDraw();
            // This check compares whole paths, so it only makes sense, and only helps, once everything else is right.
            if (errors.Count == 0) CheckWeakerChoices();
        }

        private void CheckJumps()
        {
            var candidates = quiz.Steps.Select(s => s.Id).Append(QuizChoice.End).ToList();
            ForEachChoice((step, k, choice) =>
            {
                if (_targets[step][k] != QuizGraph.Unknown) return;
                var id = quiz.Steps[step].Id;
                var nearest = Suggest.Nearest(choice.Jump!, candidates);
                Error(step, k, $"Choice {k + 1} of step '{id}' jumps to '{choice.Jump}', but no step has that id.",
                    (nearest is null
                        ? $"Jump to one of the steps ({string.Join(", ", candidates.Take(12))}), or '-> end' to finish."
                        : $"Did you mean '-> {nearest}'?")
                    + @" To write an arrow as text, put a backslash before it: '\->'.");
            });
        }

        private void CheckMultiSelectJumps()
        {
            for (var i = 0; i < quiz.Steps.Count; i++)
            {
                var step = quiz.Steps[i];
                if (!step.IsMultiSelect) continue;
                var differs = Array.FindIndex(_targets[i], t => t != _targets[i][0]);
                if (differs < 0) continue;
                Error(i, differs, $"Step '{step.Id}' lets the learner pick several choices (it has more than one '[x]'), so its choices cannot lead to different steps.",
                    "Give every choice of this step the same jump, or none; or keep a single '[x]' so that the learner picks one choice.");
            }
        }

        private void CheckLoops()
        {
            foreach (var (step, k, cycle) in QuizGraph.Loops(_targets))
            {
                var choice = quiz.Steps[step].Choices[k];
                var names = string.Join(" -> ", cycle.Select(i => quiz.Steps[i].Id));
                var how = choice.Jump is null
                    ? $"Choice {k + 1} of step '{quiz.Steps[step].Id}' has no jump, so it continues to the next step, '{quiz.Steps[cycle[^1]].Id}'; that"
                    : $"The jump '-> {choice.Jump}' of choice {k + 1} in step '{quiz.Steps[step].Id}'";
                Error(step, k, $"{how} makes a loop: {names}. A learner could go round it for ever.",
                    "A scenario must always move forward: point one of these jumps to a later step, or to 'end'.");
            }
        }

        private void CheckReachable()
        {
            var reached = QuizGraph.Reachable(_targets);
            for (var i = 1; i < quiz.Steps.Count; i++)
            {
                if (reached[i]) continue;
                var id = quiz.Steps[i].Id;
                var why = quiz.Steps[i - 1].IsEnding
                    ? $" The step before it, '{quiz.Steps[i - 1].Id}', is an ending (it has no choices), so nothing continues into this one."
                    : "";
                errors.Add(new ContentError(front.File, quiz.Steps[i].Line, $"No path from the first step reaches step '{id}'.{why}",
                    $"Add '-> {id}' at the end of a choice that should lead here, or remove the step."));
            }
        }

        private void CheckQuestions()
        {
            if (quiz.Steps.All(s => s.IsEnding))
                errors.Add(new ContentError(front.File, quiz.Steps[0].Line, "No step of this quiz has choices, so there is nothing to answer.",
                    "Under the question, list the choices as '- [x] right answer' and '- [ ] wrong answer' lines."));
        }

        private void CheckDraw()
        {
            if (quiz.Draw is not { } draw) return;
            var line = front.LineOf("draw");
            var questions = quiz.Steps.Count(s => !s.IsEnding);
            if (draw > questions && questions > 0)
                errors.Add(new ContentError(front.File, line, $"'draw: {draw}' asks for more steps than the quiz has: {questions} steps have choices.",
                    $"Lower 'draw' to {questions} or less, or add steps."));
            if (!quiz.IsBranching) return;
            var (step, k) = FirstBranchingJump();
            errors.Add(new ContentError(front.File, line,
                $"'draw' asks steps in a random order, so it cannot be used with jumps between steps (line {drafts[step].ChoiceLines[k]} jumps '-> {quiz.Steps[step].Choices[k].Jump}').",
                "Remove 'draw', or remove the jumps so that each step simply follows the one before."));
        }

        private (int Step, int Choice) FirstBranchingJump()
        {
            for (var i = 0; i < quiz.Steps.Count; i++)
                for (var k = 0; k < quiz.Steps[i].Choices.Count; k++)
                {
                    var following = i + 1 < quiz.Steps.Count ? i + 1 : QuizGraph.Finish;
                    if (quiz.Steps[i].Choices[k].Jump is not null && _targets[i][k] != following) return (i, k);
                }
            throw new InvalidOperationException("The quiz has no branching jump.");
        }

        /// <summary>The scoring promise is that a weaker choice never earns more than the best one. When a weaker
        /// choice opens a longer path, the most marks come from taking it, and a learner who picks the best
        /// choice every time could never reach 100%.</summary>
        private void CheckWeakerChoices()
        {
            var best = QuizGraph.Best(quiz, _targets);
            if (best is null) return;
            for (var i = 0; i < quiz.Steps.Count; i++)
            {
                var step = quiz.Steps[i];
                if (step.IsEnding || step.IsMultiSelect) continue;
                var marks = step.Choices.Select(c => ScenarioScorer.ChoiceMarks(step, c)).ToList();
                var top = marks.Max();
                var topTotal = Enumerable.Range(0, marks.Count).Where(k => marks[k] == top).Max(k => QuizGraph.Through(step, k, _targets[i], best));
                for (var k = 0; k < marks.Count; k++)
                {
                    var total = QuizGraph.Through(step, k, _targets[i], best);
                    if (marks[k] == top || total <= topTotal) continue;
                    Error(i, k, $"Choice {k + 1} of step '{step.Id}' ({step.Choices[k].Mark}) leads to a path worth up to {Format(total)} marks, more than the {Format(topTotal)} that the step's best choice can reach: a learner who picks the weaker choice could score higher.",
                        "Shorten the path after this choice or lower its weights, or let the best choice lead to a path worth as much.");
                }
            }
        }

        private static string Format(decimal marks) => marks.ToString("0.##", CultureInfo.InvariantCulture);

        private void ForEachChoice(Action<int, int, QuizChoice> action)
        {
            for (var i = 0; i < quiz.Steps.Count; i++)
                for (var k = 0; k < quiz.Steps[i].Choices.Count; k++)
                    action(i, k, quiz.Steps[i].Choices[k]);
        }

        private void Error(int step, int choice, string message, string fix) =>
            errors.Add(new ContentError(front.File, drafts[step].ChoiceLines[choice], message, fix));
    }
}
