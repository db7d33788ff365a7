using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Academy.Bench;

/// <summary>The load driver of <c>bench/step-post.sh</c>: quiz step submissions per second with many learners at
/// once, against the module page's requests per second measured by the same driver in the same run, then a count in
/// the database that no accepted answer was lost and none stored twice.</summary>
/// <remarks>
/// <para>Setup (not timed): the admin creates the learner accounts through the site's own form
/// (<c>/admin/employees/new</c>), and each learner signs in with a client of its own (one <see cref="HttpClient"/>
/// and <see cref="CookieContainer"/> each, redirects not followed, renewed cookies kept as a browser keeps them).</para>
/// <para>Steps phase: every learner loops on GET <c>/attempts/{id}</c>, POSTs the first choice of the step shown
/// and, when the attempt shows its result, POSTs the start form for a new one. Every tenth answer is POSTed twice
/// at once (a double click): the pair counts as one answer and one replay. Module phase: every learner loops on
/// GET of the module page. The phases alternate; rates count the requests completed inside each phase's window.</para>
/// <para>Integrity: every (attempt, step) the site accepted (302 to <c>?after=step</c>) is recorded with the choice
/// posted and its place in the attempt; after the run the driver reads <c>QuizAnswers</c> of the bench learners
/// (read-only) and compares.</para>
/// </remarks>
public static partial class StepPostRun
{
    private const string EmailPrefix = "bench-learner-";
    private const string EmailDomain = "@academy.test";
    private const string LearnerPassword = "Bench-Learner-2026";
    private const int ReplayEvery = 10;
    private const int MaxErrorsLogged = 10;

    /// <summary>The phase whose requests go to both nodes in turn (with <c>--second-base</c>).</summary>
    private const string TwoNodes = "steps on two nodes";

    /// <summary>Microsoft.Data.Sqlite sets no SQLite busy timeout: a statement that finds the database locked by
    /// another writer is retried after <c>Thread.Sleep(150)</c>. The share of POSTs that took this long or more tells
    /// how many waited at least once.</summary>
    private const int BusyRetryMs = 150;

    /// <summary>The demo quizzes, shared out among the learners in turn.</summary>
    private static readonly (string Module, string Quiz)[] Quizzes =
    [
        ("warm-welcome", "late-arrival"),
        ("listen-first", "the-double-charge"),
        ("complaint-recovery", "cold-dinner"),
        ("escalation", "the-missing-parcel"),
        ("guest-preferences", "preferences-check"),
    ];

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*?value=""([^""]+)""")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"name=""stepId"" value=""([^""]*)""")]
    private static partial Regex StepPattern();

    [GeneratedRegex(@"name=""picks"" value=""(\d+)""")]
    private static partial Regex PickPattern();

    private sealed record Options(
        Uri Base, string Database, int Learners, TimeSpan Duration, TimeSpan Warmup, int Runs, string ModulePage,
        string AdminEmail, string AdminPassword, int? ServerPid, string? Report, Uri? SecondBase, int? SecondServerPid);

    public static async Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"steps: {e.Message}");
            Console.Error.WriteLine("""
                usage: Academy.Bench steps --base http://127.0.0.1:5080 --db <site's SQLite file>
                         [--learners 32] [--duration 20s] [--warmup 10s] [--runs 2] [--module /modules/warm-welcome/2]
                         [--admin admin@academy.test] [--password Academy-Demo-2026] [--server-pid PID] [--report out.md]
                         [--second-base http://127.0.0.1:5081 --second-server-pid PID]   (a second node on the same database)
                """);
            return 2;
        }

        var driver = new Driver(options);
        try
        {
            await driver.SetUpAsync();
        }
        catch (BenchFailure e)
        {
            Console.Error.WriteLine($"steps: setup failed: {e.Message}");
            return 3;
        }
        var runs = await driver.MeasureAsync();
        var integrity = driver.CheckDatabase();
        return Report(options, driver, runs, integrity);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Options

    private static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new ArgumentException($"unexpected argument '{args[i]}'");
            values[args[i][2..]] = args[++i];
        }
        string Get(string key, string fallback) => values.Remove(key, out var v) ? v : fallback;

        var baseUri = Loopback("base", Get("base", "http://127.0.0.1:5080"))!;
        var secondBase = Loopback("second-base", Get("second-base", ""));
        var database = Get("db", "");
        if (database.Length == 0 || (!IsPostgres(database) && !File.Exists(database)))
            throw new ArgumentException("--db must name the site's SQLite file or its PostgreSQL connection string (Host=...)");
        var serverPid = Get("server-pid", "");
        var secondServerPid = Get("second-server-pid", "");
        var report = Get("report", "");
        var options = new Options(
            baseUri, database,
            int.Parse(Get("learners", "32"), CultureInfo.InvariantCulture),
            ParseDuration(Get("duration", "20s")),
            ParseDuration(Get("warmup", "10s")),
            int.Parse(Get("runs", "2"), CultureInfo.InvariantCulture),
            Get("module", "/modules/warm-welcome/2"),
            Get("admin", "admin@academy.test"),
            Get("password", "Academy-Demo-2026"),
            serverPid.Length > 0 ? int.Parse(serverPid, CultureInfo.InvariantCulture) : null,
            report.Length > 0 ? report : null,
            secondBase,
            secondServerPid.Length > 0 ? int.Parse(secondServerPid, CultureInfo.InvariantCulture) : null);
        if (values.Count > 0) throw new ArgumentException($"unknown option --{values.Keys.First()}");
        if (options.Learners is < 1 or > 99 || options.Runs < 1 || options.Duration <= TimeSpan.Zero || options.Duration > TimeSpan.FromMinutes(5))
            throw new ArgumentException("--learners 1-99, --runs at least 1, --duration up to 5m");
        return options;
    }

    /// <summary>Load from this driver only ever goes to this machine's loopback.</summary>
    private static Uri? Loopback(string option, string text)
    {
        if (text.Length == 0) return null;
        var uri = new Uri(text);
        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) || !IPAddress.IsLoopback(address))
            throw new ArgumentException($"--{option} must be a loopback address (127.0.0.1), not {uri.Host}");
        return uri;
    }

    private static TimeSpan ParseDuration(string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        return TimeSpan.FromSeconds(double.Parse(number, CultureInfo.InvariantCulture) * unit);
    }

    // ---------------------------------------------------------------------------------------------------------
    // What the driver records

    private sealed class BenchFailure(string message) : Exception(message);

    /// <summary>A PostgreSQL connection string (bench/step-post.sh with PROVIDER=postgres) rather than a SQLite file.</summary>
    private static bool IsPostgres(string database) => database.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);

    private enum Outcome { Accepted, Rejected, Error }

    /// <summary>One phase's counts. Rates count only what completed inside the window.</summary>
    private sealed class PhaseStats(string kind, int run, TimeSpan duration)
    {
        private readonly Lock _gate = new();
        private readonly List<double> _latencies = [];
        private long _answers, _replays, _posts, _rejected, _errors, _gets, _starts, _pages;

        public string Kind { get; } = kind;
        public int Run { get; } = run;
        public TimeSpan Duration { get; } = duration;
        public long Deadline { get; set; }
        public TimeSpan ServerCpu { get; set; }
        public TimeSpan DriverCpu { get; set; }

        public long Answers => _answers;
        public long Replays => _replays;
        public long Posts => _posts;
        public long Rejected => _rejected;
        public long Errors => _errors;
        public long Gets => _gets;
        public long Starts => _starts;
        public long Pages => _pages;

        private bool InWindow(long end) => end <= Deadline;

        public void Post(long start, long end, bool answer, bool replay, Outcome outcome)
        {
            if (!InWindow(end)) return;
            Interlocked.Increment(ref _posts);
            if (answer) Interlocked.Increment(ref _answers);
            if (replay) Interlocked.Increment(ref _replays);
            if (outcome == Outcome.Rejected) Interlocked.Increment(ref _rejected);
            if (outcome == Outcome.Error) Interlocked.Increment(ref _errors);
            var ms = Stopwatch.GetElapsedTime(start, end).TotalMilliseconds;
            lock (_gate) _latencies.Add(ms);
        }

        public void Get(long end) { if (InWindow(end)) Interlocked.Increment(ref _gets); }
        public void Start(long end) { if (InWindow(end)) Interlocked.Increment(ref _starts); }
        public void Error(long end) { if (InWindow(end)) Interlocked.Increment(ref _errors); }

        public void Page(long start, long end)
        {
            if (!InWindow(end)) return;
            Interlocked.Increment(ref _pages);
            lock (_gate) _latencies.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
        }

        public double Seconds => Duration.TotalSeconds;
        public double AnswerRate => Answers / Seconds;
        public double PostRate => Posts / Seconds;
        public double PageRate => Pages / Seconds;
        public double RequestRate => (Posts + Gets + Starts + Pages) / Seconds;

        /// <summary>The share of the latencies at or above a threshold.</summary>
        public double Share(double thresholdMs)
        {
            lock (_gate) return _latencies.Count == 0 ? double.NaN : (double)_latencies.Count(l => l >= thresholdMs) / _latencies.Count;
        }

        public double Percentile(double p)
        {
            lock (_gate)
            {
                if (_latencies.Count == 0) return double.NaN;
                var sorted = _latencies.Order().ToArray();
                return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
            }
        }
    }

    /// <summary>An answer the site accepted, as the driver sent it.</summary>
    private sealed record Accepted(int Attempt, string Step, int Pick, int Place);

    /// <summary>One learner: its own client and cookies, the quiz it plays and the attempt it is on. Only the
    /// learner's own loop touches it.</summary>
    private sealed class Learner : IDisposable
    {
        private readonly HttpClient[] _nodes;
        private int _turn;

        public Learner(int number, Uri baseUri, Uri? secondBase)
        {
            Number = number;
            Email = $"{EmailPrefix}{number:00}{EmailDomain}";
            (Module, Quiz) = Quizzes[(number - 1) % Quizzes.Length];
            // One browser: the same cookies whichever node answers (they ignore the port).
            var cookies = new CookieContainer();
            _nodes = secondBase is null ? [NewClient(baseUri, cookies)] : [NewClient(baseUri, cookies), NewClient(secondBase, cookies)];
        }

        /// <summary>While set, each request goes to the next node in turn, as a round-robin proxy sends them (no
        /// sticky sessions): a step's page from one node, its answer to the other, a double click's two POSTs to both.</summary>
        public bool Spread { get; set; }

        public HttpClient Http => Spread ? _nodes[_turn++ % _nodes.Length] : _nodes[0];

        public int Number { get; }
        public string Email { get; }
        public string Module { get; }
        public string Quiz { get; }
        public string StartPath => $"/modules/{Module}/quizzes/{Quiz}";
        public int? Attempt { get; set; }

        /// <summary>The steps accepted so far in each of the learner's attempts, in order.</summary>
        public Dictionary<int, List<string>> Steps { get; } = [];

        public void Dispose()
        {
            foreach (var node in _nodes) node.Dispose();
        }
    }

    private static HttpClient NewClient(Uri baseUri, CookieContainer cookies) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = baseUri,
            // Generous: a request cut short by the client has an unknown outcome, which the count cannot judge.
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestHeaders = { { "Accept-Language", "en" } },
        };

    // ---------------------------------------------------------------------------------------------------------
    // The driver

    private sealed class Driver(Options options)
    {
        private readonly List<Learner> _learners = [];
        private readonly ConcurrentDictionary<(int Attempt, string Step), Accepted> _accepted = new();
        private readonly ConcurrentDictionary<int, int> _attempts = new(); // attempt id -> learner number
        private readonly ConcurrentBag<(int Attempt, string Step)> _unknown = [];
        private readonly ConcurrentQueue<string> _errorLog = new();
        private long _answerCounter;
        private long _reasked, _replaysRejected, _totalErrors;
        private int _modulePageBytes;

        public Options Options => options;
        public long Reasked => _reasked;
        public long ReplaysRejected => _replaysRejected;
        public long TotalErrors => _totalErrors;
        public int AcceptedCount => _accepted.Count;
        public int UnknownCount => _unknown.Count;
        public int AttemptCount => _attempts.Count;
        public IEnumerable<string> ErrorLog => _errorLog;
        public int ModulePageBytes => _modulePageBytes;

        private void LogError(string message)
        {
            Interlocked.Increment(ref _totalErrors);
            if (_errorLog.Count < MaxErrorsLogged) _errorLog.Enqueue(message);
        }

        // ----- setup ----------------------------------------------------------------------------------------

        public async Task SetUpAsync()
        {
            var clock = Stopwatch.StartNew();
            using (var admin = NewClient(options.Base, new CookieContainer()))
            {
                await SignInAsync(admin, options.AdminEmail, options.AdminPassword);
                var created = 0;
                for (var n = 1; n <= options.Learners; n++)
                    if (await CreateLearnerAsync(admin, n)) created++;
                Console.Error.WriteLine($"setup: {created} learner accounts created, {options.Learners - created} already there");
            }
            for (var n = 1; n <= options.Learners; n++) _learners.Add(new Learner(n, options.Base, options.SecondBase));
            // Password hashing is deliberately slow: a few at a time.
            await Parallel.ForEachAsync(_learners, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (learner, _) => await SignInAsync(learner.Http, learner.Email, LearnerPassword));
            using (var page = await _learners[0].Http.GetAsync(options.ModulePage))
            {
                if (page.StatusCode != HttpStatusCode.OK) throw new BenchFailure($"{options.ModulePage} answered {(int)page.StatusCode} to a signed-in learner");
                _modulePageBytes = (await page.Content.ReadAsByteArrayAsync()).Length;
            }
            Console.Error.WriteLine($"setup: {_learners.Count} learners signed in in {clock.Elapsed.TotalSeconds:0.0} s; " +
                $"quizzes {string.Join(", ", Quizzes.Select(q => $"{q.Module}/{q.Quiz}"))} in turn");
        }

        private static async Task SignInAsync(HttpClient http, string email, string password)
        {
            var token = await TokenAsync(http, "/account/login");
            using var response = await http.PostAsync("/account/login", Form(("Input.Email", email), ("Input.Password", password), ("__RequestVerificationToken", token)));
            if (response.StatusCode != HttpStatusCode.Redirect) throw new BenchFailure($"signing in as {email} answered {(int)response.StatusCode}, not 302");
        }

        private async Task<bool> CreateLearnerAsync(HttpClient admin, int number)
        {
            var token = await TokenAsync(admin, "/admin/employees/new");
            var email = $"{EmailPrefix}{number:00}{EmailDomain}";
            using var response = await admin.PostAsync("/admin/employees/new", Form(
                ("Form.FullName", $"Bench Learner {number:00}"), ("Form.Email", email), ("Form.Roles", "Learner"),
                ("Password", LearnerPassword), ("__RequestVerificationToken", token)));
            if (response.StatusCode == HttpStatusCode.Redirect) return true;
            // A second run on the same database: the account exists, and signing in will tell whether it is usable.
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && html.Contains(email, StringComparison.OrdinalIgnoreCase) && html.Contains("taken", StringComparison.OrdinalIgnoreCase)) return false;
            throw new BenchFailure($"creating {email} answered {(int)response.StatusCode}, not 302");
        }

        private static async Task<string> TokenAsync(HttpClient http, string path)
        {
            using var response = await http.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new BenchFailure($"GET {path} answered {(int)response.StatusCode}");
            return TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new BenchFailure($"no antiforgery token on {path}");
        }

        // ----- phases ---------------------------------------------------------------------------------------

        /// <summary>Per run: steps on the first node, the module page on it and, with a second node, steps spread
        /// over both (<see cref="TwoNodes"/>), one after the other so that each is compared with the others of its run.</summary>
        public async Task<List<(PhaseStats Steps, PhaseStats Module, PhaseStats? TwoNodes)>> MeasureAsync()
        {
            Console.Error.WriteLine($"warm-up: steps {options.Warmup.TotalSeconds:0} s, module page {options.Warmup.TotalSeconds / 2:0} s");
            Print(await PhaseAsync("steps", 0, options.Warmup));
            Print(await PhaseAsync("module", 0, options.Warmup / 2));
            if (options.SecondBase is not null) Print(await PhaseAsync(TwoNodes, 0, options.Warmup / 2));
            var runs = new List<(PhaseStats, PhaseStats, PhaseStats?)>();
            for (var run = 1; run <= options.Runs; run++)
            {
                var steps = await PhaseAsync("steps", run, options.Duration);
                Print(steps);
                var module = await PhaseAsync("module", run, options.Duration);
                Print(module);
                PhaseStats? spread = null;
                if (options.SecondBase is not null) Print(spread = await PhaseAsync(TwoNodes, run, options.Duration));
                runs.Add((steps, module, spread));
            }
            return runs;
        }

        private static void Print(PhaseStats s) => Console.Error.WriteLine(s.Kind != "module"
            ? $"{(s.Run == 0 ? "warm-up" : $"run {s.Run}")} {s.Kind}: {s.AnswerRate:0.0} answers/s, {s.PostRate:0.0} POSTs/s " +
              $"(p50 {s.Percentile(0.5):0.0} ms, p99 {s.Percentile(0.99):0.0} ms, {s.Share(BusyRetryMs):0%} at {BusyRetryMs} ms or more), {s.RequestRate:0.0} requests/s in all, " +
              $"{s.Replays} replays, {s.Rejected} rejected, {s.Errors} errors; server CPU {s.ServerCpu.TotalSeconds / s.Seconds:0.00} cores"
            : $"{(s.Run == 0 ? "warm-up" : $"run {s.Run}")} module page: {s.PageRate:0.0} requests/s " +
              $"(p50 {s.Percentile(0.5):0.0} ms, p99 {s.Percentile(0.99):0.0} ms), {s.Errors} errors; server CPU {s.ServerCpu.TotalSeconds / s.Seconds:0.00} cores");

        private async Task<PhaseStats> PhaseAsync(string kind, int run, TimeSpan duration)
        {
            var stats = new PhaseStats(kind, run, duration);
            var server = ServerCpu();
            var driver = Process.GetCurrentProcess().TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            stats.Deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            foreach (var learner in _learners) learner.Spread = kind == TwoNodes;
            await Task.WhenAll(_learners.Select(l => Task.Run(() => kind == "module" ? ModuleLoopAsync(l, stats) : StepLoopAsync(l, stats))));
            // Stops issuing at the deadline; what was in flight completes (and counts in the database check), but not in the rates.
            stats.ServerCpu = ServerCpu() - server;
            stats.DriverCpu = Process.GetCurrentProcess().TotalProcessorTime - driver;
            return stats;
        }

        /// <summary>The CPU time of the site's processes (both nodes when there are two).</summary>
        private TimeSpan ServerCpu() => ProcessCpu(options.ServerPid) + ProcessCpu(options.SecondServerPid);

        private static TimeSpan ProcessCpu(int? serverPid)
        {
            if (serverPid is not { } pid) return TimeSpan.Zero;
            try
            {
                using var process = Process.GetProcessById(pid);
                return process.TotalProcessorTime;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }

        private async Task ModuleLoopAsync(Learner learner, PhaseStats stats)
        {
            while (Stopwatch.GetTimestamp() < stats.Deadline)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await learner.Http.GetAsync(options.ModulePage);
                    var bytes = await response.Content.ReadAsByteArrayAsync();
                    var end = Stopwatch.GetTimestamp();
                    if (response.StatusCode == HttpStatusCode.OK) stats.Page(start, end);
                    else { stats.Error(end); LogError($"module page: {(int)response.StatusCode} for {learner.Email}"); }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    stats.Error(Stopwatch.GetTimestamp());
                    LogError($"module page: {e.GetType().Name} {e.Message}");
                }
            }
        }

        private async Task StepLoopAsync(Learner learner, PhaseStats stats)
        {
            while (Stopwatch.GetTimestamp() < stats.Deadline)
            {
                try
                {
                    await StepAsync(learner, stats);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or BenchFailure)
                {
                    stats.Error(Stopwatch.GetTimestamp());
                    LogError($"{learner.Email}: {e.GetType().Name} {e.Message}");
                    // Starts over from the start page, which resumes the open attempt if there is one.
                    learner.Attempt = null;
                    if (_totalErrors > 1000) throw new BenchFailure("more than 1000 errors; stopping");
                }
            }
        }

        /// <summary>One turn of the loop: the step page, then its answer (or a new attempt).</summary>
        private async Task StepAsync(Learner learner, PhaseStats stats)
        {
            if (learner.Attempt is null)
            {
                var startToken = await TokenAsync(learner.Http, learner.StartPath);
                await StartAsync(learner, startToken, stats);
                return;
            }
            var id = learner.Attempt.Value;
            string html;
            using (var page = await learner.Http.GetAsync($"/attempts/{id}"))
            {
                html = await page.Content.ReadAsStringAsync();
                stats.Get(Stopwatch.GetTimestamp());
                if (page.StatusCode != HttpStatusCode.OK) throw new BenchFailure($"GET /attempts/{id} answered {(int)page.StatusCode}");
            }
            var token = TokenPattern().Match(html) is { Success: true } t ? WebUtility.HtmlDecode(t.Groups[1].Value) : throw new BenchFailure($"no token on /attempts/{id}");
            if (html.Contains("id=\"result-title\"", StringComparison.Ordinal))
            {
                await StartAsync(learner, token, stats);
                return;
            }
            var stepMatch = StepPattern().Match(html);
            var pickMatch = PickPattern().Match(html);
            if (!stepMatch.Success || !pickMatch.Success) throw new BenchFailure($"/attempts/{id} shows neither a step nor a result");
            var step = WebUtility.HtmlDecode(stepMatch.Groups[1].Value);
            var pick = int.Parse(pickMatch.Groups[1].Value, CultureInfo.InvariantCulture);
            // The site showing again a step it accepted means it did not keep the answer: a lost answer seen from outside.
            if (_accepted.ContainsKey((id, step)))
            {
                Interlocked.Increment(ref _reasked);
                LogError($"attempt {id} asks again for step {step}, accepted before");
            }

            var doubled = Interlocked.Increment(ref _answerCounter) % ReplayEvery == 0;
            Outcome outcome;
            if (!doubled)
            {
                outcome = await AnswerAsync(learner, id, step, pick, token, stats, replay: false);
            }
            else
            {
                // A double click: the same answer twice at once. One of the two stores it, the other must be accepted
                // without storing anything.
                var first = AnswerAsync(learner, id, step, pick, token, stats, replay: false);
                var second = AnswerAsync(learner, id, step, pick, token, stats, replay: true);
                var both = await Task.WhenAll(first, second);
                outcome = both.Contains(Outcome.Accepted) ? Outcome.Accepted : both.Contains(Outcome.Error) ? Outcome.Error : Outcome.Rejected;
                if (outcome == Outcome.Accepted && both.Any(o => o != Outcome.Accepted))
                {
                    Interlocked.Increment(ref _replaysRejected);
                    LogError($"attempt {id} step {step}: of a doubled POST, one was accepted and the other {both.First(o => o != Outcome.Accepted)}");
                }
            }
            switch (outcome)
            {
                case Outcome.Accepted:
                    var steps = learner.Steps[id];
                    steps.Add(step);
                    _accepted.TryAdd((id, step), new Accepted(id, step, pick, steps.Count));
                    break;
                case Outcome.Error:
                    _unknown.Add((id, step));
                    throw new BenchFailure($"attempt {id} step {step}: the answer's outcome is unknown");
                default:
                    throw new BenchFailure($"attempt {id} step {step}: the answer was rejected");
            }
        }

        private async Task<Outcome> AnswerAsync(Learner learner, int id, string step, int pick, string token, PhaseStats stats, bool replay)
        {
            var start = Stopwatch.GetTimestamp();
            Outcome outcome;
            try
            {
                using var response = await learner.Http.PostAsync($"/attempts/{id}", Form(("stepId", step), ("picks", pick.ToString(CultureInfo.InvariantCulture)), ("__RequestVerificationToken", token)));
                await response.Content.ReadAsByteArrayAsync();
                var location = response.Headers.Location?.OriginalString;
                outcome = response.StatusCode != HttpStatusCode.Redirect ? Outcome.Error
                    : location == $"/attempts/{id}?after={Uri.EscapeDataString(step)}" ? Outcome.Accepted
                    : Outcome.Rejected;
                if (outcome == Outcome.Error) LogError($"POST /attempts/{id} answered {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                LogError($"POST /attempts/{id}: {e.GetType().Name} {e.Message}");
                outcome = Outcome.Error;
            }
            var end = Stopwatch.GetTimestamp();
            // Of a doubled pair, the first counts as the answer and the second as the replay, whichever stored it.
            stats.Post(start, end, answer: !replay && outcome == Outcome.Accepted, replay: replay, outcome);
            return outcome;
        }

        private async Task StartAsync(Learner learner, string token, PhaseStats stats)
        {
            using var response = await learner.Http.PostAsync(learner.StartPath, Form(("__RequestVerificationToken", token)));
            stats.Start(Stopwatch.GetTimestamp());
            var location = response.Headers.Location?.OriginalString ?? "";
            if (response.StatusCode != HttpStatusCode.Redirect || !location.StartsWith("/attempts/", StringComparison.Ordinal)
                || !int.TryParse(location["/attempts/".Length..], CultureInfo.InvariantCulture, out var id))
                throw new BenchFailure($"POST {learner.StartPath} answered {(int)response.StatusCode} {location}");
            if (_attempts.TryGetValue(id, out var owner) && owner != learner.Number) throw new BenchFailure($"attempt {id} belongs to learner {owner}");
            // A resumed attempt (after an error) carries on from the answers already accepted in it.
            learner.Steps.TryAdd(id, []);
            _attempts[id] = learner.Number;
            learner.Attempt = id;
        }

        // ----- the count in the database ---------------------------------------------------------------------

        private static void AddPattern(DbCommand command)
        {
            var pattern = command.CreateParameter();
            pattern.ParameterName = "pattern";
            pattern.Value = $"{EmailPrefix}%{EmailDomain}";
            command.Parameters.Add(pattern);
        }

        private static DbConnection OpenDatabase(string database)
        {
            DbConnection connection = IsPostgres(database)
                ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ToString())
                : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            return connection;
        }

        public Integrity CheckDatabase()
        {
            var stored = new List<(int Attempt, string Step, int Sequence, string Choices)>();
            var attempts = new Dictionary<int, bool>();
            // Quoted names and @parameters: the same SQL reads SQLite and PostgreSQL.
            using (var connection = OpenDatabase(options.Database))
            {
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = """
                        SELECT q."QuizAttemptId", q."StepId", q."Sequence", q."Choices"
                        FROM "QuizAnswers" q JOIN "QuizAttempts" a ON a."Id" = q."QuizAttemptId" JOIN "AspNetUsers" u ON u."Id" = a."EmployeeId"
                        WHERE u."Email" LIKE @pattern
                        """;
                    AddPattern(command);
                    using var reader = command.ExecuteReader();
                    while (reader.Read()) stored.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
                }
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = """
                        SELECT a."Id", a."FinishedAt" IS NOT NULL
                        FROM "QuizAttempts" a JOIN "AspNetUsers" u ON u."Id" = a."EmployeeId"
                        WHERE u."Email" LIKE @pattern
                        """;
                    AddPattern(command);
                    using var reader = command.ExecuteReader();
                    while (reader.Read()) attempts[reader.GetInt32(0)] = reader.GetBoolean(1);
                }
            }

            var expected = _accepted.Values.ToList();
            var storedPairs = stored.GroupBy(s => (s.Attempt, s.Step)).ToDictionary(g => g.Key, g => g.ToList());
            var unknown = _unknown.ToHashSet();
            var missing = expected.Where(e => !storedPairs.ContainsKey((e.Attempt, e.Step))).ToList();
            var extra = storedPairs.Keys.Where(k => !_accepted.ContainsKey(k) && !unknown.Contains(k)).ToList();
            var duplicates = storedPairs.Values.Sum(g => g.Count - 1);
            var wrongChoice = expected.Count(e => storedPairs.TryGetValue((e.Attempt, e.Step), out var rows) && rows[0].Choices != e.Pick.ToString(CultureInfo.InvariantCulture));
            var wrongPlace = expected.Count(e => storedPairs.TryGetValue((e.Attempt, e.Step), out var rows) && rows[0].Sequence != e.Place);
            var gaps = stored.GroupBy(s => s.Attempt).Count(g =>
            {
                var sequences = g.Select(s => s.Sequence).Order().ToList();
                return sequences.Where((s, i) => s != i + 1).Any();
            });
            var strayAttempts = attempts.Keys.Count(a => !_attempts.ContainsKey(a));
            // A row for an answer whose POST failed at the client (outcome unknown) and was never accepted afterwards
            // can be neither lost nor doubled: it is left out of the count, and the unknown ones are reported.
            var storedKnown = stored.Count(s => _accepted.ContainsKey((s.Attempt, s.Step)) || !unknown.Contains((s.Attempt, s.Step)));
            return new Integrity(expected.Count, storedKnown, missing.Count, extra.Count, duplicates, wrongChoice, wrongPlace, gaps,
                unknown.Count, attempts.Count, attempts.Values.Count(f => f), strayAttempts,
                missing.Take(5).Select(m => $"attempt {m.Attempt} step {m.Step}").Concat(extra.Take(5).Select(e => $"attempt {e.Attempt} step {e.Step} (not accepted)")).ToList());
        }
    }

    private sealed record Integrity(
        int Expected, int Stored, int Missing, int Extra, int Duplicates, int WrongChoice, int WrongPlace, int AttemptsWithGaps,
        int Unknown, int Attempts, int FinishedAttempts, int StrayAttempts, IReadOnlyList<string> Examples)
    {
        public int Lost => Expected - Stored;
        public int Doubled => Stored - Expected;
        public bool Clean => Lost == 0 && Doubled == 0 && Missing == 0 && Extra == 0 && Duplicates == 0 && WrongChoice == 0 && WrongPlace == 0 && AttemptsWithGaps == 0;
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    // ---------------------------------------------------------------------------------------------------------
    // The report

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Report(Options options, Driver driver, List<(PhaseStats Steps, PhaseStats Module, PhaseStats? TwoNodes)> runs, Integrity integrity)
    {
        static string F(double v, string format = "0.0") => v.ToString(format, CultureInfo.InvariantCulture);
        var answers = Median(runs.Select(r => r.Steps.AnswerRate));
        var posts = Median(runs.Select(r => r.Steps.PostRate));
        var p50 = Median(runs.Select(r => r.Steps.Percentile(0.5)));
        var p99 = Median(runs.Select(r => r.Steps.Percentile(0.99)));
        var slow = Median(runs.Select(r => r.Steps.Share(BusyRetryMs)));
        var module = Median(runs.Select(r => r.Module.PageRate));
        var moduleP50 = Median(runs.Select(r => r.Module.Percentile(0.5)));
        var moduleP99 = Median(runs.Select(r => r.Module.Percentile(0.99)));
        var ratio = answers / module;
        var errors = runs.Sum(r => r.Steps.Errors + r.Module.Errors + (r.TwoNodes?.Errors ?? 0));
        // Two nodes against one: each run's ratio (its phases ran back to back), then their median.
        var spread = runs.All(r => r.TwoNodes is not null) ? runs.Select(r => r.TwoNodes!).ToList() : null;
        var twoAnswers = spread is null ? double.NaN : Median(spread.Select(s => s.AnswerRate));
        var twoP50 = spread is null ? double.NaN : Median(spread.Select(s => s.Percentile(0.5)));
        var twoP99 = spread is null ? double.NaN : Median(spread.Select(s => s.Percentile(0.99)));
        var twoRatio = spread is null ? double.NaN : Median(runs.Select(r => r.TwoNodes!.AnswerRate / r.Steps.AnswerRate));

        var summary = $"step POST {F(answers)} answers/s ({F(posts)} POSTs/s with replays; p50 {F(p50)} ms, p99 {F(p99)} ms, {F(100 * slow, "0")}% ≥ {BusyRetryMs} ms), " +
            $"module page {F(module)} requests/s (p99 {F(moduleP99)} ms), ratio {F(ratio, "0.000")}; " +
            (spread is null ? "" : $"two nodes {F(twoAnswers)} answers/s (p99 {F(twoP99)} ms), {F(twoRatio, "0.00")} × one node; ") +
            $"lost {integrity.Lost}, doubled {integrity.Doubled}";
        Console.WriteLine(summary);
        var integrityLine = $"integrity: {integrity.Expected} answers accepted, {integrity.Stored} stored; lost {integrity.Lost}, doubled {integrity.Doubled}; " +
            $"missing {integrity.Missing}, not accepted {integrity.Extra}, same step twice {integrity.Duplicates}, other choice {integrity.WrongChoice}, " +
            $"other place {integrity.WrongPlace}, attempts with gaps {integrity.AttemptsWithGaps}; steps asked again {driver.Reasked}, " +
            $"replays not accepted {driver.ReplaysRejected}, outcomes unknown {integrity.Unknown}; attempts {integrity.Attempts} " +
            $"({integrity.FinishedAttempts} finished, {integrity.StrayAttempts} not started by the driver)";
        Console.WriteLine(integrityLine);
        foreach (var example in integrity.Examples) Console.WriteLine($"  {example}");
        if (driver.TotalErrors > 0)
        {
            Console.WriteLine($"errors: {driver.TotalErrors} in all (warm-up included); the first ones:");
            foreach (var line in driver.ErrorLog) Console.WriteLine($"  {line}");
        }

        if (options.Report is { } path)
        {
            var md = new StringBuilder();
            md.AppendLine("```").AppendLine(summary).AppendLine(integrityLine).AppendLine("```").AppendLine();
            md.AppendLine("| median | per second | p50 ms | p99 ms |");
            md.AppendLine("| --- | ---: | ---: | ---: |");
            md.AppendLine($"| step POST, answers accepted (replays excluded) | **{F(answers)}** | {F(p50)} | {F(p99)} |");
            md.AppendLine($"| step POST, all POSTs (replays included) | {F(posts)} | | |");
            md.AppendLine($"| module page `GET {options.ModulePage}` | **{F(module)}** | {F(moduleP50)} | {F(moduleP99)} |");
            md.AppendLine($"| ratio step POST / module page | **{F(ratio, "0.000")}** | | |");
            if (spread is not null)
            {
                md.AppendLine($"| step POST on two nodes, answers accepted (each request to the next node) | **{F(twoAnswers)}** | {F(twoP50)} | {F(twoP99)} |");
                md.AppendLine($"| ratio two nodes / one node (median of the runs' ratios) | **{F(twoRatio, "0.00")}** | | |");
            }
            md.AppendLine();
            md.AppendLine("| run | phase | answers/s | POSTs/s | all requests/s | p50 ms | p99 ms | ≥ 150 ms | replays | rejected | errors | server CPU (cores) | server CPU ms/request | driver CPU (cores) |");
            md.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (steps, page, two) in runs)
                foreach (var s in two is null ? new[] { steps, page } : [steps, page, two])
                {
                    var requests = s.Posts + s.Gets + s.Starts + s.Pages;
                    md.AppendLine($"| {s.Run} | {(s.Kind == "module" ? "module page" : s.Kind)} | {(s.Kind != "module" ? F(s.AnswerRate) : "")} | " +
                        $"{(s.Kind != "module" ? F(s.PostRate) : "")} | {F(s.RequestRate)} | {F(s.Percentile(0.5))} | {F(s.Percentile(0.99))} | {F(100 * s.Share(BusyRetryMs), "0")}% | " +
                        $"{(s.Kind != "module" ? s.Replays.ToString(CultureInfo.InvariantCulture) : "")} | {(s.Kind != "module" ? s.Rejected.ToString(CultureInfo.InvariantCulture) : "")} | {s.Errors} | " +
                        $"{(options.ServerPid is null ? "" : F(s.ServerCpu.TotalSeconds / s.Seconds, "0.00"))} | " +
                        $"{(options.ServerPid is null || requests == 0 ? "" : F(s.ServerCpu.TotalMilliseconds / requests, "0.00"))} | {F(s.DriverCpu.TotalSeconds / s.Seconds, "0.00")} |");
                }
            md.AppendLine();
            md.AppendLine("| database count (every phase, warm-up included) | |");
            md.AppendLine("| --- | ---: |");
            md.AppendLine($"| answers accepted by the site (302 to `?after=step`), distinct (attempt, step) | {integrity.Expected} |");
            md.AppendLine($"| `QuizAnswers` rows of the bench learners | {integrity.Stored} |");
            md.AppendLine($"| **lost** (accepted − stored) | **{integrity.Lost}** |");
            md.AppendLine($"| **doubled** (stored − accepted) | **{integrity.Doubled}** |");
            md.AppendLine($"| accepted, not stored / stored, never accepted | {integrity.Missing} / {integrity.Extra} |");
            md.AppendLine($"| (attempt, step) stored twice | {integrity.Duplicates} |");
            md.AppendLine($"| stored with another choice / at another place than sent | {integrity.WrongChoice} / {integrity.WrongPlace} |");
            md.AppendLine($"| attempts whose `Sequence` has a gap | {integrity.AttemptsWithGaps} |");
            md.AppendLine($"| steps the site asked again after accepting them | {driver.Reasked} |");
            md.AppendLine($"| doubled POSTs where one copy was not accepted | {driver.ReplaysRejected} |");
            md.AppendLine($"| answers whose outcome is unknown (client error or timeout) | {integrity.Unknown} |");
            md.AppendLine($"| attempts (finished; not started by the driver) | {integrity.Attempts} ({integrity.FinishedAttempts}; {integrity.StrayAttempts}) |");
            md.AppendLine();
            md.AppendLine($"{options.Learners} learners, steps {F(options.Duration.TotalSeconds, "0")} s and module page {F(options.Duration.TotalSeconds, "0")} s{(spread is null ? "" : $" and steps on two nodes {F(options.Duration.TotalSeconds, "0")} s (each learner's requests to the nodes in turn, one cookie jar)")} alternating, " +
                $"{options.Runs} runs each, after {F(options.Warmup.TotalSeconds, "0")} s (steps) and {F(options.Warmup.TotalSeconds / 2, "0")} s (module page) of warm-up; " +
                $"module page {driver.ModulePageBytes} bytes; every {ReplayEvery}th answer POSTed twice at once; errors {errors} in the measured runs, {driver.TotalErrors} in all.");
            File.WriteAllText(path, md.ToString());
        }

        if (!integrity.Clean)
        {
            Console.Error.WriteLine("steps: FAILED: the database does not hold exactly the answers the site accepted");
            return 1;
        }
        return driver.TotalErrors > 0 || driver.Reasked > 0 || driver.ReplaysRejected > 0 ? 4 : 0;
    }
}
