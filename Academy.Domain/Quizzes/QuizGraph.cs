namespace Academy.Domain.Quizzes;

/// <summary>The steps of a quiz as a graph: each choice is an edge to the step it leads to. Walks are iterative,
/// because a quiz comes from a file anyone with the editor can upload, and a long chain of steps must not
/// overflow the stack of the web app.</summary>
internal static class QuizGraph
{
    /// <summary>The choice finishes the quiz.</summary>
    public const int Finish = -1;

    /// <summary>The choice jumps to an id that no step has.</summary>
    public const int Unknown = -2;

    /// <summary>For each step, the index of the step each of its choices leads to, or <see cref="Finish"/>
    /// or <see cref="Unknown"/>.</summary>
    public static int[][] Targets(QuizDocument quiz)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < quiz.Steps.Count; i++) index.TryAdd(quiz.Steps[i].Id, i);
        return quiz.Steps.Select((step, i) => step.Choices.Select(c => c.Jump switch
        {
            null => i + 1 < quiz.Steps.Count ? i + 1 : Finish,
            QuizChoice.End => Finish,
            var id => index.GetValueOrDefault(id, Unknown),
        }).ToArray()).ToArray();
    }

    /// <summary>Every edge that closes a loop, with the steps of the loop from its first step back to it.</summary>
    public static List<(int Step, int Choice, IReadOnlyList<int> Cycle)> Loops(int[][] targets)
    {
        var loops = new List<(int, int, IReadOnlyList<int>)>();
        var state = new byte[targets.Length]; // 0 unseen, 1 on the current path, 2 done
        var path = new List<int>();
        var stack = new Stack<(int Step, int Next)>();
        for (var root = 0; root < targets.Length; root++)
        {
            if (state[root] != 0) continue;
            Open(root);
            while (stack.Count > 0)
            {
                var (step, next) = stack.Pop();
                if (next == targets[step].Length)
                {
                    state[step] = 2;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                stack.Push((step, next + 1));
                var target = targets[step][next];
                if (target < 0) continue;
                if (state[target] == 1) loops.Add((step, next, [.. path.Skip(path.IndexOf(target)), target]));
                else if (state[target] == 0) Open(target);
            }
        }
        return loops;

        void Open(int step)
        {
            state[step] = 1;
            path.Add(step);
            stack.Push((step, 0));
        }
    }

    /// <summary>Which steps some path from the first step reaches.</summary>
    public static bool[] Reachable(int[][] targets)
    {
        var reached = new bool[targets.Length];
        if (targets.Length == 0) return reached;
        var queue = new Queue<int>([0]);
        reached[0] = true;
        while (queue.Count > 0)
            foreach (var target in targets[queue.Dequeue()])
                if (target >= 0 && !reached[target])
                {
                    reached[target] = true;
                    queue.Enqueue(target);
                }
        return reached;
    }

    /// <summary>For each step, the most marks a learner can still earn from it to the end of the quiz;
    /// <c>null</c> when the steps loop, since a loop has no most.</summary>
    public static decimal[]? Best(QuizDocument quiz, int[][] targets)
    {
        var best = new decimal[targets.Length];
        var state = new byte[targets.Length];
        var stack = new Stack<(int Step, int Next)>();
        for (var root = 0; root < targets.Length; root++)
        {
            if (state[root] != 0) continue;
            state[root] = 1;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (step, next) = stack.Pop();
                if (next == targets[step].Length)
                {
                    state[step] = 2;
                    best[step] = BestOf(quiz.Steps[step], targets[step], best);
                    continue;
                }
                stack.Push((step, next + 1));
                var target = targets[step][next];
                if (target < 0) continue;
                if (state[target] == 1) return null;
                if (state[target] == 0)
                {
                    state[target] = 1;
                    stack.Push((target, 0));
                }
            }
        }
        return best;
    }

    /// <summary>What a learner can earn from a step on: its choice's marks plus the best of where it leads.</summary>
    public static decimal Through(QuizStep step, int choice, int[] targets, decimal[] best) =>
        ScenarioScorer.ChoiceMarks(step, step.Choices[choice]) + (targets[choice] >= 0 ? best[targets[choice]] : 0);

    private static decimal BestOf(QuizStep step, int[] targets, decimal[] best)
    {
        if (step.IsEnding) return 0;
        // Picking every right choice earns the step's max, and all its choices lead to one place (see QuizPath.NextStepId).
        if (step.IsMultiSelect) return ScenarioScorer.StepMax(step) + (targets[0] >= 0 ? best[targets[0]] : 0);
        return Enumerable.Range(0, step.Choices.Count).Max(k => Through(step, k, targets, best));
    }
}
