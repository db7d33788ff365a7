namespace Academy.Domain.Practice;

/// <summary>How well a learner recalled an item, as FSRS grades it.</summary>
public enum Rating
{
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

/// <summary>Where an item is in FSRS's life cycle: learning steps (minutes), long-term review (days), or relearning after a lapse.</summary>
public enum MemoryPhase
{
    Learning = 1,
    Review = 2,
    Relearning = 3,
}

/// <summary>The memory state of one item, as FSRS keeps it.</summary>
/// <param name="Step">The learning or relearning step the item is on; <c>null</c> in <see cref="MemoryPhase.Review"/>.</param>
/// <param name="Stability">Days for retrievability to fall from 100% to 90%; <c>null</c> before the first review.</param>
/// <param name="Difficulty">1 (easy) to 10 (hard); <c>null</c> before the first review.</param>
/// <param name="Reps">Reviews so far.</param>
/// <param name="Lapses">Times the item was forgotten (rated <see cref="Rating.Again"/>) once in long-term review.</param>
public sealed record MemoryState(
    MemoryPhase Phase,
    int? Step,
    double? Stability,
    double? Difficulty,
    DateTimeOffset Due,
    DateTimeOffset? LastReview,
    int Reps,
    int Lapses)
{
    /// <summary>An item never reviewed, due at once.</summary>
    public static MemoryState New(DateTimeOffset now) => new(MemoryPhase.Learning, 0, null, null, now, null, 0, 0);
}

/// <summary>The FSRS-6 scheduler: the formulas and default parameters of the reference implementation, py-fsrs 6.3
/// (open-spaced-repetition), without its random fuzz so that a schedule is reproducible and testable.</summary>
/// <remarks>Immutable and thread-safe. Intervals in <see cref="MemoryPhase.Review"/> are whole days, at least one;
/// elapsed time counts whole days, so two reviews on the same day use FSRS's short-term stability formula, as the
/// reference does.</remarks>
public sealed class FsrsScheduler
{
    /// <summary>FSRS-6 default weights w0..w20, as published with py-fsrs (w20 is the forgetting curve's decay).</summary>
    public static readonly IReadOnlyList<double> DefaultParameters =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];

    public const double StabilityMin = 0.001;
    public const double MinDifficulty = 1.0;
    public const double MaxDifficulty = 10.0;

    private readonly double[] _w;
    private readonly double _decay;
    private readonly double _factor;

    /// <param name="desiredRetention">The recall probability at which an item comes due, 0 to 1 exclusive.</param>
    /// <param name="learningSteps">py-fsrs's default is 1 and 10 minutes; none sends a new item straight to day intervals.</param>
    /// <param name="relearningSteps">py-fsrs's default is 10 minutes.</param>
    /// <param name="maximumInterval">In days.</param>
    public FsrsScheduler(
        IReadOnlyList<double>? parameters = null,
        double desiredRetention = 0.9,
        IReadOnlyList<TimeSpan>? learningSteps = null,
        IReadOnlyList<TimeSpan>? relearningSteps = null,
        int maximumInterval = 36500)
    {
        _w = [.. parameters ?? DefaultParameters];
        if (_w.Length != 21) throw new ArgumentException($"FSRS-6 takes 21 parameters, not {_w.Length}.", nameof(parameters));
        if (desiredRetention is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(desiredRetention), desiredRetention, "Retention is between 0 and 1.");
        DesiredRetention = desiredRetention;
        LearningSteps = learningSteps ?? [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)];
        RelearningSteps = relearningSteps ?? [TimeSpan.FromMinutes(10)];
        MaximumInterval = maximumInterval;
        _decay = -_w[20];
        _factor = Math.Pow(0.9, 1 / _decay) - 1;
    }

    /// <summary>The reference's defaults: 90% retention, learning steps of 1 and 10 minutes, relearning of 10.</summary>
    public static FsrsScheduler Default { get; } = new();

    /// <summary>For daily practice: no steps of minutes, since a learner reviews once a day, so every rating
    /// schedules in whole days (a wrong answer comes back the next day).</summary>
    public static FsrsScheduler Daily { get; } = new(learningSteps: [], relearningSteps: []);

    public double DesiredRetention { get; }
    public IReadOnlyList<TimeSpan> LearningSteps { get; }
    public IReadOnlyList<TimeSpan> RelearningSteps { get; }
    public int MaximumInterval { get; }

    /// <summary>The probability, 0 to 1, that the item is recalled at <paramref name="at"/>; 0 for an item never reviewed.</summary>
    public double Retrievability(MemoryState card, DateTimeOffset at)
    {
        if (card.LastReview is not { } last || card.Stability is not { } stability) return 0;
        var elapsed = Math.Max(0, WholeDays(at - last));
        return Math.Pow(1 + _factor * elapsed / stability, _decay);
    }

    /// <summary>The state after a review rated <paramref name="rating"/> at <paramref name="at"/>, with its next due date.</summary>
    public MemoryState Review(MemoryState card, Rating rating, DateTimeOffset at)
    {
        if (!Enum.IsDefined(rating)) throw new ArgumentOutOfRangeException(nameof(rating), rating, "Not a rating.");
        int? daysSince = card.LastReview is { } last ? WholeDays(at - last) : null;
        var sameDay = daysSince is < 1;
        var phase = card.Phase;
        var step = card.Step;
        double stability, difficulty;
        var lapses = card.Lapses;
        TimeSpan interval;

        if (card.Stability is not { } s || card.Difficulty is not { } d)
        {
            stability = InitialStability(rating);
            difficulty = ClampDifficulty(InitialDifficulty(rating));
        }
        else
        {
            stability = sameDay ? ShortTermStability(s, rating) : NextStability(d, s, Retrievability(card, at), rating);
            difficulty = NextDifficulty(d, rating);
        }

        switch (phase)
        {
            case MemoryPhase.Learning:
            case MemoryPhase.Relearning:
                var steps = phase == MemoryPhase.Learning ? LearningSteps : RelearningSteps;
                var current = step ?? 0;
                if (steps.Count == 0 || (current >= steps.Count && rating != Rating.Again))
                    (phase, step, interval) = (MemoryPhase.Review, null, Days(stability));
                else
                    (phase, step, interval) = rating switch
                    {
                        Rating.Again => (phase, 0, steps[0]),
                        Rating.Hard when current == 0 => (phase, current, steps.Count == 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2),
                        Rating.Hard => (phase, current, steps[current]),
                        Rating.Good when current + 1 >= steps.Count => (MemoryPhase.Review, null, Days(stability)),
                        Rating.Good => (phase, current + 1, steps[current + 1]),
                        _ => (MemoryPhase.Review, (int?)null, Days(stability)),
                    };
                break;
            default:
                if (rating == Rating.Again)
                {
                    lapses++;
                    (phase, step, interval) = RelearningSteps.Count == 0
                        ? (MemoryPhase.Review, (int?)null, Days(stability))
                        : (MemoryPhase.Relearning, (int?)0, RelearningSteps[0]);
                }
                else
                    interval = Days(stability);
                break;
        }
        return new MemoryState(phase, step, stability, difficulty, at + interval, at, card.Reps + 1, lapses);
    }

    /// <summary>The next interval in whole days for a stability, at the desired retention: at least 1, at most the maximum.</summary>
    public int NextIntervalDays(double stability)
    {
        var days = stability / _factor * (Math.Pow(DesiredRetention, 1 / _decay) - 1);
        // Rounded half to even, as Python's round() in the reference.
        return (int)Math.Clamp(Math.Round(days, MidpointRounding.ToEven), 1, MaximumInterval);
    }

    private TimeSpan Days(double stability) => TimeSpan.FromDays(NextIntervalDays(stability));

    // Python's timedelta.days: whole days, rounded down.
    private static int WholeDays(TimeSpan span) => (int)Math.Floor(span.TotalDays);

    private double InitialStability(Rating rating) => Math.Max(_w[(int)rating - 1], StabilityMin);

    private double InitialDifficulty(Rating rating) => _w[4] - Math.Exp(_w[5] * ((int)rating - 1)) + 1;

    private static double ClampDifficulty(double difficulty) => Math.Clamp(difficulty, MinDifficulty, MaxDifficulty);

    private double ShortTermStability(double stability, Rating rating)
    {
        var increase = Math.Exp(_w[17] * ((int)rating - 3 + _w[18])) * Math.Pow(stability, -_w[19]);
        if (rating is Rating.Good or Rating.Easy) increase = Math.Max(increase, 1.0);
        return Math.Max(stability * increase, StabilityMin);
    }

    private double NextDifficulty(double difficulty, Rating rating)
    {
        var delta = -(_w[6] * ((int)rating - 3));
        // Linear damping: the harder an item already is, the less a lapse adds.
        var damped = difficulty + (10.0 - difficulty) * delta / 9.0;
        // Mean reversion towards the initial difficulty of an Easy first answer.
        var reverted = _w[7] * InitialDifficulty(Rating.Easy) + (1 - _w[7]) * damped;
        return ClampDifficulty(reverted);
    }

    private double NextStability(double difficulty, double stability, double retrievability, Rating rating) =>
        Math.Max(rating == Rating.Again
            ? NextForgetStability(difficulty, stability, retrievability)
            : NextRecallStability(difficulty, stability, retrievability, rating), StabilityMin);

    private double NextForgetStability(double difficulty, double stability, double retrievability)
    {
        var longTerm = _w[11] * Math.Pow(difficulty, -_w[12]) * (Math.Pow(stability + 1, _w[13]) - 1) * Math.Exp((1 - retrievability) * _w[14]);
        var shortTerm = stability / Math.Exp(_w[17] * _w[18]);
        return Math.Min(longTerm, shortTerm);
    }

    private double NextRecallStability(double difficulty, double stability, double retrievability, Rating rating)
    {
        var hardPenalty = rating == Rating.Hard ? _w[15] : 1;
        var easyBonus = rating == Rating.Easy ? _w[16] : 1;
        return stability * (1 + Math.Exp(_w[8]) * (11 - difficulty) * Math.Pow(stability, -_w[9])
            * (Math.Exp((1 - retrievability) * _w[10]) - 1) * hardPenalty * easyBonus);
    }
}
