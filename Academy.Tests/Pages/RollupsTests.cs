using System.Data.Common;
using Academy.Domain.Assignments;
using Academy.Domain.Reports;
using Academy.Web.Data;
using Academy.Web.Pages.Reports;
using ReportScope = Academy.Web.Pages.Reports.ReportScope;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Academy.Tests.Pages;

/// <summary>The rollups count cells in SQL; these tests hold those counts to the report's own status rule.</summary>
[Collection(HostCollection.Name)]
public sealed class RollupsTests
{
    /// <summary>A department of 30 people under two managers, each with a random mix (fixed seed) of module and program
    /// assignments (open, done, refreshers, removed, tied), completions that never expire, expire or are in their window,
    /// lessons read and quizzes started before and after them.</summary>
    private static async Task<(string Department, List<string> Ids)> SeedAsync(ClockFactory site)
    {
        var department = $"Roll {Guid.NewGuid():N}"[..13];
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current;
        var modules = content.Modules.Keys.Order().ToList();
        var programs = content.Programs.Select(p => p.Id).ToList();
        var version = await db.ContentVersions.Select(v => v.Id).FirstAsync();
        var random = new Random(11);
        var now = site.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        DateTimeOffset Days(int from, int to) => now.AddDays(random.Next(from, to)).AddMinutes(random.Next(0, 1440));

        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var email = $"roll{i}-{Guid.NewGuid():N}@academy.test";
            var employee = new Employee
            {
                UserName = email, Email = email, EmailConfirmed = true, FullName = $"Roll {i:00}", Department = department,
                ManagerId = i < 2 ? null : ids[i % 2],
            };
            Assert.True((await users.CreateAsync(employee, AcademyFactory.Password)).Succeeded);
            await users.AddToRoleAsync(employee, "Learner");
            ids.Add(employee.Id);
        }
        foreach (var id in ids)
        {
            var assignedAt = Days(-120, -1);
            Assignment Assign(ItemKind kind, string item, int cycle) => new()
            {
                EmployeeId = id, ItemKind = kind, ItemId = item, Cycle = cycle, Reason = "test",
                Source = cycle > 0 && random.Next(4) > 0 ? AssignmentSource.Refresher : AssignmentSource.Manual,
                // Often the same instant as another assignment of the same person, so the rule's tie-break decides.
                AssignedAt = random.Next(3) == 0 ? assignedAt : Days(-120, -1),
                DueOn = random.Next(8) == 0 ? null : today.AddDays(random.Next(-40, 60)),
                ExpiresAt = cycle > 0 ? Days(-30, 60) : null,
                CompletedAt = random.Next(4) == 0 ? Days(-60, 0) : null,
                RemovedAt = random.Next(12) == 0 ? Days(-10, 0) : null,
            };
            foreach (var module in modules.Where(_ => random.Next(3) > 0))
            {
                var cycles = random.Next(1, 3);
                for (var cycle = 0; cycle < cycles; cycle++) db.Assignments.Add(Assign(ItemKind.Module, module, random.Next(3) == 0 ? cycle + 1 : cycle));
            }
            foreach (var program in programs.Where(_ => random.Next(3) == 0)) db.Assignments.Add(Assign(ItemKind.Program, program, 0));
            foreach (var module in modules.Where(_ => random.Next(2) == 0))
            {
                var completed = Days(-400, -1);
                for (var sequence = 1; sequence <= random.Next(1, 3); sequence++)
                {
                    completed = completed.AddDays(random.Next(0, 30));
                    DateTimeOffset? expires = random.Next(4) == 0 ? null : completed.AddDays(random.Next(20, 420));
                    db.ModuleCompletions.Add(new ModuleCompletion { EmployeeId = id, ModuleId = module, Sequence = sequence, ModuleVersion = 1, CompletedAt = completed, ExpiresAt = expires });
                }
            }
            foreach (var module in modules.Where(_ => random.Next(4) == 0))
                db.LessonViews.Add(new LessonView { EmployeeId = id, ModuleId = module, LessonNumber = 1, FirstReadAt = Days(-200, 0), ReadAt = Days(-200, 0) });
            foreach (var module in modules.Where(_ => random.Next(5) == 0))
                db.QuizAttempts.Add(new QuizAttempt { EmployeeId = id, ModuleId = module, QuizId = "q", ContentVersionId = version, StartedAt = Days(-200, 0), FinishedAt = now });
        }
        // Assignments the random draw made twice for one (employee, item, cycle) would break the unique index: keep one.
        var unique = db.ChangeTracker.Entries<Assignment>().GroupBy(e => (e.Entity.EmployeeId, e.Entity.ItemKind, e.Entity.ItemId, e.Entity.Cycle)).SelectMany(g => g.Skip(1)).ToList();
        foreach (var entry in unique) entry.State = EntityState.Detached;
        await db.SaveChangesAsync();
        return (department, ids);
    }

    /// <summary>Each employee's cells per status by the report's rule, in memory (the screen's and the exports' reader).</summary>
    private static async Task<Dictionary<string, long[]>> ByRuleAsync(ClockFactory site, string department, ReportFilter? filter = null)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current;
        var report = new CompletionReport(db, content, ReportScope.Everyone, new ReportFilter { Department = department, Module = filter?.Module, Program = filter?.Program, Standard = filter?.Standard },
            site.Clock.GetUtcNow());
        var modules = report.Modules("en");
        var counts = new Dictionary<string, long[]>();
        await foreach (var row in report.RowsAsync(modules, null, 100, CancellationToken.None))
            counts[row.Id] = Enum.GetValues<TrainingStatus>().Select(s => (long)row.Count(s)).ToArray();
        return counts;
    }

    private static async Task<Dictionary<string, long[]>> BySqlAsync(ClockFactory site, IReadOnlyCollection<string> ids, ReportFilter? modules = null)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current;
        var now = site.Clock.GetUtcNow();
        var columns = new CompletionReport(db, content, ReportScope.Everyone, modules ?? new ReportFilter(), now).Modules("en");
        return await new RollupsQuery(db, content, now).CountsAsync(columns, ids, CancellationToken.None);
    }

    /// <summary>No filter, then each filter on modules (of the repository's content): one module, a program's three, and a
    /// standard's three, which the onboarding program's assignments cover too.</summary>
    private static readonly ReportFilter[] ModuleFilters =
    [
        new(), new() { Module = "refunds" }, new() { Program = "back-office" }, new() { Standard = "own-the-problem" },
    ];

    public static TheoryData<int> Filters()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < ModuleFilters.Length; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task SqlCounts_AreTheStatusRules_InEveryStatus_AsTheClockMoves(int filter)
    {
        var modules = ModuleFilters[filter];
        using var site = new ClockFactory();
        var (department, ids) = await SeedAsync(site);
        // More people than the statement searches one by one: it then reads every row, and these unknown ids have no cell.
        var many = ids.Concat(Enumerable.Range(0, 2001).Select(i => $"nobody-{i}")).ToList();
        var seen = new HashSet<TrainingStatus>();
        foreach (var days in new[] { 0, 9, 26, 45, 120, 400 })
        {
            site.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).AddDays(days));
            var rule = await ByRuleAsync(site, department, modules);
            Assert.Equal(30, rule.Count);
            var searched = await BySqlAsync(site, ids, modules);
            var scanned = await BySqlAsync(site, many, modules);
            foreach (var id in ids)
            {
                Assert.Equal(rule[id], searched[id]);
                Assert.Equal(rule[id], scanned[id]);
            }
            Assert.All(many.Skip(ids.Count), id => Assert.Equal(scanned[id].Sum(), scanned[id][(int)TrainingStatus.NotAssigned]));
            seen.UnionWith(rule.Values.SelectMany(c => Enum.GetValues<TrainingStatus>().Where(s => c[(int)s] > 0)));
        }
        // One module alone: the seed's draw gives each of the 30 a cell in it (assigned, completed or started).
        Assert.Equal(Enum.GetValues<TrainingStatus>().Where(s => modules.Module is null || s != TrainingStatus.NotAssigned), seen.Order());
    }

    [Fact]
    public async Task RollupsPage_ShowsTheRulesRates_PerDepartmentAndManager_ForHrAndForAManager()
    {
        using var site = new ClockFactory();
        var (department, ids) = await SeedAsync(site);
        var rule = await ByRuleAsync(site, department);
        // Formatted as the page formats a rate (the test reads the page in English).
        static string Percent(long part, long whole) =>
            (whole == 0 ? 0 : (double)part / whole).ToString("P0", System.Globalization.CultureInfo.GetCultureInfo("en")).Replace(" ", "").Replace("\u00a0", "");
        static long Assigned(Dictionary<string, long[]> counts, IEnumerable<string> people) => people.Sum(p => counts[p].Sum() - counts[p][(int)TrainingStatus.NotAssigned]);
        // A row of the page: employees, assigned, completion rate, overdue rate.
        static string[] Row(Dictionary<string, long[]> counts, IReadOnlyCollection<string> people)
        {
            var assigned = Assigned(counts, people);
            return [people.Count.ToString(), assigned.ToString(),
                Percent(people.Sum(p => counts[p][(int)TrainingStatus.Completed] + counts[p][(int)TrainingStatus.Expiring]), assigned),
                Percent(people.Sum(p => counts[p][(int)TrainingStatus.Overdue]), assigned)];
        }
        static string Text(AngleSharp.Dom.IElement cell) => cell.TextContent.Replace(" ", "").Replace("\u00a0", "").Replace("\u202f", "");

        var hr = await site.SignInAsync("hr@academy.test");
        var page = await hr.GetDocumentAsync($"/reports/rollups?Department={Uri.EscapeDataString(department)}");
        var row = page.QuerySelector($"#by-department tr[data-name='{department}']")!;
        Assert.Equal(Row(rule, ids), row.QuerySelectorAll("td").Select(Text));
        // Roll 00 manages the even-numbered people from 2 on, Roll 01 the odd ones.
        var evens = ids.Where((_, i) => i >= 2 && i % 2 == 0).ToList();
        var manager = page.QuerySelector("#by-manager tr[data-name='Roll 00']")!;
        Assert.Equal(Row(rule, evens), manager.QuerySelectorAll("td").Select(Text));

        // Filtered on a standard's modules, the page counts those cells only.
        var standard = await ByRuleAsync(site, department, new ReportFilter { Standard = "own-the-problem" });
        var filtered = await hr.GetDocumentAsync($"/reports/rollups?Department={Uri.EscapeDataString(department)}&Standard=own-the-problem");
        Assert.Equal(Row(standard, ids), filtered.QuerySelector($"#by-department tr[data-name='{department}']")!.QuerySelectorAll("td").Select(Text));
        Assert.InRange(Assigned(standard, ids), 1, Assigned(rule, ids) - 1);

        // Roll 00 sees their own people only.
        using (var scope = site.Services.CreateScope())
        {
            var email = await scope.ServiceProvider.GetRequiredService<AcademyDbContext>().Users.Where(u => u.Id == ids[0]).Select(u => u.Email!).FirstAsync();
            var own = await (await site.SignInAsync(email)).GetDocumentAsync("/reports/rollups");
            Assert.Equal(Row(rule, evens), own.QuerySelector("#by-department tfoot tr")!.QuerySelectorAll("td").Select(Text));
        }
    }

    private static async Task CountAgainAsync(ClockFactory site)
    {
        using var scope = site.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Academy.Web.Jobs.TrainingCountsJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>The kept rows, fresh ones only, with "not assigned" filled in as the page does.</summary>
    private static async Task<Dictionary<string, long[]>> KeptAsync(ClockFactory site, IReadOnlyCollection<string> ids)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current;
        var key = TrainingCounts.CatalogKey(content);
        var rows = await db.TrainingCounts.AsNoTracking().Where(c => ids.Contains(c.EmployeeId)).ToListAsync();
        return rows.Where(r => r.IsFreshAt(site.Clock.GetUtcNow(), key)).ToDictionary(r => r.EmployeeId, r =>
        {
            var byStatus = r.ByStatus();
            byStatus[(int)TrainingStatus.NotAssigned] = content.Modules.Count - byStatus.Sum();
            return byStatus;
        });
    }

    /// <summary>The kept rows of one group (a standard's or a program's modules), "not assigned" left at 0.</summary>
    private static async Task<Dictionary<string, long[]>> KeptInGroupAsync(ClockFactory site, string group, IReadOnlyCollection<string> ids)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        return await db.TrainingGroupCounts.AsNoTracking().Where(c => c.Group == group && ids.Contains(c.EmployeeId)).ToDictionaryAsync(c => c.EmployeeId, c => c.ByStatus());
    }

    [Fact]
    public async Task KeptCounts_AreTheStatusRules_AfterACompletion_AsTheClockMoves_AndForANewcomer()
    {
        using var site = new ClockFactory();
        site.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var (department, ids) = await SeedAsync(site);
        async Task AssertPageAndRowsAreTheRules(int fresh)
        {
            // Signed in at each look: the clock moves past the sign-in cookie's lifetime.
            var hr = await site.SignInAsync("hr@academy.test");
            var rule = await ByRuleAsync(site, department);
            var kept = await KeptAsync(site, rule.Keys.ToList());
            Assert.Equal(fresh, kept.Count);
            foreach (var (id, counts) in kept) Assert.Equal(rule[id], counts);
            // The page sums kept rows and counts the stale ones live: its total is the rule's either way.
            var page = await hr.GetDocumentAsync($"/reports/rollups?Department={Uri.EscapeDataString(department)}");
            var assigned = rule.Values.Sum(c => c.Sum() - c[(int)TrainingStatus.NotAssigned]);
            Assert.Equal([rule.Count.ToString(), assigned.ToString()],
                page.QuerySelector("#by-department tfoot tr")!.QuerySelectorAll("td").Take(2).Select(c => c.TextContent.Trim()));
            Assert.Null(page.QuerySelector("#rollups-as-of"));

            // The same for a standard's modules and a program's, kept per employee and group.
            foreach (var filter in new ReportFilter[] { new() { Standard = "own-the-problem" }, new() { Program = "back-office" } })
            {
                var inGroup = await ByRuleAsync(site, department, filter);
                var rows = await KeptInGroupAsync(site, TrainingCounts.GroupOf(filter)!, kept.Keys.ToList());
                foreach (var id in kept.Keys)
                {
                    var counts = rows.GetValueOrDefault(id) ?? new long[Enum.GetValues<TrainingStatus>().Length];
                    counts[(int)TrainingStatus.NotAssigned] = inGroup[id].Sum() - counts.Sum();
                    Assert.Equal(inGroup[id], counts);
                }
                var filtered = await hr.GetDocumentAsync($"/reports/rollups?Department={Uri.EscapeDataString(department)}&{filter.ToQueryString()}");
                Assert.Equal([inGroup.Count.ToString(), inGroup.Values.Sum(c => c.Sum() - c[(int)TrainingStatus.NotAssigned]).ToString()],
                    filtered.QuerySelector("#by-department tfoot tr")!.QuerySelectorAll("td").Take(2).Select(c => c.TextContent.Trim()));
            }
        }

        await AssertPageAndRowsAreTheRules(fresh: 0);
        await CountAgainAsync(site);
        await AssertPageAndRowsAreTheRules(fresh: 30);

        // A completion marks its employee's row stale at once; the job counts them again.
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var module = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current.Modules.Keys.Order().First();
            var sequence = await db.ModuleCompletions.Where(c => c.EmployeeId == ids[3] && c.ModuleId == module).Select(c => (int?)c.Sequence).MaxAsync() ?? 0;
            db.ModuleCompletions.Add(new ModuleCompletion { EmployeeId = ids[3], ModuleId = module, Sequence = sequence + 1, ModuleVersion = 1, CompletedAt = site.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        await AssertPageAndRowsAreTheRules(fresh: 29);
        await CountAgainAsync(site);
        await AssertPageAndRowsAreTheRules(fresh: 30);

        // Past midnight (due dates), expiries and windows: rows go stale by themselves, and are counted again.
        foreach (var days in new[] { 9, 26, 45, 120 })
        {
            site.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero).AddDays(days));
            await AssertPageAndRowsAreTheRules(fresh: 0);
            await CountAgainAsync(site);
            await AssertPageAndRowsAreTheRules(fresh: 30);
        }

        // A newcomer (as an import adds one, with an assignment from an audience rule) is counted live, then kept.
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
            var db = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
            var email = $"roll-new-{Guid.NewGuid():N}@academy.test";
            var newcomer = new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = "Roll new", Department = department };
            Assert.True((await users.CreateAsync(newcomer, AcademyFactory.Password)).Succeeded);
            db.Assignments.Add(new Assignment
            {
                EmployeeId = newcomer.Id, ItemKind = ItemKind.Module, ItemId = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current.Modules.Keys.First(),
                Source = AssignmentSource.Rule, Reason = "test", AssignedAt = site.Clock.GetUtcNow(), DueOn = DateOnly.FromDateTime(site.Clock.GetUtcNow().UtcDateTime).AddDays(-1),
            });
            await db.SaveChangesAsync();
        }
        await AssertPageAndRowsAreTheRules(fresh: 30);
        await CountAgainAsync(site);
        await AssertPageAndRowsAreTheRules(fresh: 31);
    }

    /// <summary>Counts one context's commits, and keeps every write it sends outside a transaction (each of those
    /// commits by itself).</summary>
    private sealed class CommitCounter : DbCommandInterceptor, IDbTransactionInterceptor
    {
        public int Commits;
        public readonly List<string> AutoCommitted = [];

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Commits++;
            return Task.CompletedTask;
        }

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Commits++;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Watch(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Watch(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Watch(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Watch(command);
            return result;
        }

        private void Watch(DbCommand command)
        {
            if (command.Transaction is null && !command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                AutoCommitted.Add(command.CommandText);
        }
    }

    [Fact]
    public async Task ASaveThatChangesTraining_CommitsOnce_WithItsStaleMark_AndAFailedOneLeavesNoTransactionOpen()
    {
        using var site = new ClockFactory();
        var (_, ids) = await SeedAsync(site);
        await CountAgainAsync(site);
        using var scope = site.Services.CreateScope();
        var pooled = scope.ServiceProvider.GetRequiredService<AcademyDbContext>();
        var module = scope.ServiceProvider.GetRequiredService<ContentCatalog>().Current.Modules.Keys.Order().First();
        // The site's own options (provider, interceptors), plus a counter of commits.
        var counter = new CommitCounter();
        var options = new DbContextOptionsBuilder((DbContextOptions)pooled.GetService<IDbContextOptions>())
            .AddInterceptors(counter).Options;
        await using var db = (AcademyDbContext)Activator.CreateInstance(pooled.GetType(), options)!;
        async Task<long> ChangesAsync() => await db.TrainingCounts.AsNoTracking().Where(c => c.EmployeeId == ids[3]).Select(c => c.Changes).SingleAsync();
        async Task<int> NextSequenceAsync() =>
            (await db.ModuleCompletions.Where(c => c.EmployeeId == ids[3] && c.ModuleId == module).Select(c => (int?)c.Sequence).MaxAsync() ?? 0) + 1;
        ModuleCompletion Completion(int sequence) =>
            new() { EmployeeId = ids[3], ModuleId = module, Sequence = sequence, ModuleVersion = 1, CompletedAt = site.Clock.GetUtcNow() };

        var before = await ChangesAsync();
        db.ModuleCompletions.Add(Completion(await NextSequenceAsync()));
        await db.SaveChangesAsync();
        Assert.Equal(1, counter.Commits);
        Assert.Empty(counter.AutoCommitted);
        Assert.Equal(before + 1, await ChangesAsync());

        // The same with the synchronous save.
        db.ModuleCompletions.Add(Completion(await NextSequenceAsync()));
        db.SaveChanges();
        Assert.Equal(2, counter.Commits);
        Assert.Equal(before + 2, await ChangesAsync());

        // A save that fails (a sequence already taken) rolls back the transaction it was given: the next save commits.
        db.ChangeTracker.Clear();
        db.ModuleCompletions.Add(Completion(await NextSequenceAsync() - 1));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Null(db.Database.CurrentTransaction);
        db.ChangeTracker.Clear();
        var sequence = await NextSequenceAsync();
        db.ModuleCompletions.Add(Completion(sequence));
        await db.SaveChangesAsync();
        Assert.Equal(3, counter.Commits);
        Assert.Empty(counter.AutoCommitted);
        Assert.Equal(before + 3, await ChangesAsync());
        using var other = site.Services.CreateScope();
        var otherDb = other.ServiceProvider.GetRequiredService<AcademyDbContext>();
        Assert.True(await otherDb.ModuleCompletions.AnyAsync(c => c.EmployeeId == ids[3] && c.ModuleId == module && c.Sequence == sequence));

        // A concurrency failure (the row was deleted by another save since it was read) also leaves no transaction open.
        var completion = await db.ModuleCompletions.SingleAsync(c => c.EmployeeId == ids[3] && c.ModuleId == module && c.Sequence == sequence);
        await otherDb.ModuleCompletions.Where(c => c.Id == completion.Id).ExecuteDeleteAsync();
        completion.Score = 50;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        Assert.Null(db.Database.CurrentTransaction);
        db.ChangeTracker.Clear();
        db.ModuleCompletions.Add(Completion(sequence));
        await db.SaveChangesAsync();
        Assert.Equal(4, counter.Commits);
        Assert.True(await otherDb.ModuleCompletions.AnyAsync(c => c.EmployeeId == ids[3] && c.ModuleId == module && c.Sequence == sequence));
    }

    [Fact]
    public async Task BeyondTheLiveLimit_ThePageShowsTheLastCounts_Dated_AndLeavesOutTheNeverCounted()
    {
        using var site = new ClockFactory(settings: new() { ["Academy:Reports:LiveCountLimit"] = "5" });
        var counted = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        site.Clock.SetUtcNow(counted);
        var (department, ids) = await SeedAsync(site);
        await CountAgainAsync(site);
        var then = await ByRuleAsync(site, department);
        var url = $"/reports/rollups?Department={Uri.EscapeDataString(department)}";
        static string Assigned(Dictionary<string, long[]> counts) => counts.Values.Sum(c => c.Sum() - c[(int)TrainingStatus.NotAssigned]).ToString();
        static string[] Total(AngleSharp.Html.Dom.IHtmlDocument page) =>
            page.QuerySelector("#by-department tfoot tr")!.QuerySelectorAll("td").Take(2).Select(c => c.TextContent.Trim()).ToArray();

        // 45 days on, the 30 employees' counts are stale (due dates and expiries passed), more than the page counts live;
        // and 6 newcomers (an import's) were never counted, also more than it counts live.
        site.Clock.SetUtcNow(counted.AddDays(45));
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
            for (var i = 0; i < 6; i++)
            {
                var email = $"roll-new{i}-{Guid.NewGuid():N}@academy.test";
                Assert.True((await users.CreateAsync(new Employee { UserName = email, Email = email, EmailConfirmed = true, FullName = $"Roll new {i}", Department = department },
                    AcademyFactory.Password)).Succeeded);
            }
        }
        var now = await ByRuleAsync(site, department);
        Assert.Equal(36, now.Count);
        Assert.NotEqual(then.Values.Sum(c => c[(int)TrainingStatus.Overdue]), now.Values.Sum(c => c[(int)TrainingStatus.Overdue]));

        var hr = await site.SignInAsync("hr@academy.test");
        var page = await hr.GetDocumentAsync(url);
        // The numbers are those counted 45 days ago, the notice says so, and the newcomers are named as left out.
        Assert.Equal(["30", Assigned(then)], Total(page));
        var overdue = then.Values.Sum(c => c[(int)TrainingStatus.Overdue]) / (double)then.Values.Sum(c => c.Sum() - c[(int)TrainingStatus.NotAssigned]);
        Assert.Equal(overdue.ToString("P0", System.Globalization.CultureInfo.GetCultureInfo("en")), page.QuerySelector("#by-department tfoot tr td:nth-of-type(4)")!.TextContent.Trim());
        Assert.Equal($"Some counts date from {counted.UtcDateTime.ToString("g", System.Globalization.CultureInfo.GetCultureInfo("en"))} UTC; they are being brought up to date.",
            page.QuerySelector("#rollups-as-of")!.TextContent.Trim());
        Assert.Equal("6 employees are not counted yet and are left out.", page.QuerySelector("#rollups-uncounted")!.TextContent.Trim());

        // Once the job has counted everyone again, the page is live: no notice, the 36 people and today's numbers.
        await CountAgainAsync(site);
        hr = await site.SignInAsync("hr@academy.test");
        page = await hr.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("#rollups-as-of"));
        Assert.Null(page.QuerySelector("#rollups-uncounted"));
        Assert.Equal(["36", Assigned(now)], Total(page));
    }
}
