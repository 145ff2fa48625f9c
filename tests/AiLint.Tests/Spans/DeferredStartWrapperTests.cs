using AiLint.Analyzers.Rules.Spans;
using AiLint.Tests.Verifiers;
using NonUtc = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer>;

namespace AiLint.Tests.Spans;

/// <summary>
/// AIL0102 and scope wrappers whose <c>SetStartTime</c> reaches <c>Activity.SetStartTime</c> only once their activity
/// exists, and otherwise keep the time in a <c>DateTimeOffset</c> field that starts the activity (the shape of Azure.Core's
/// <c>DiagnosticScope</c>, review47 debatable 1): called before <c>Start()</c>, a local time is honoured, so the call is
/// not reported. Each quiet wrapper has a reported twin whose every call reaches <c>Activity.SetStartTime</c>.
/// </summary>
public class DeferredStartWrapperTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<NonUtcActivityTimeAnalyzer> { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string Usings = """
        using System;
        using System.Diagnostics;

        """;

    /// <summary>
    /// Two levels like Azure.Core: the public scope forwards to an adapter that stores the time and sets it on the
    /// activity only if <c>Start()</c> already created it; <c>Start()</c> passes the stored offset to <c>StartActivity</c>.
    /// </summary>
    private const string AzureShapedScope = """
        public readonly struct OperationScope : IDisposable
        {
            private readonly Adapter? _adapter;

            public OperationScope(ActivitySource source, string name) => _adapter = source.HasListeners() ? new Adapter(source, name) : null;

            public void Start() => _adapter?.Start();

            public void SetStartTime(DateTime dateTime) => _adapter?.SetStartTime(dateTime);

            public void Dispose() => _adapter?.Dispose();

            private sealed class Adapter(ActivitySource source, string name) : IDisposable
            {
                private Activity? _currentActivity;
                private DateTimeOffset _startTime;

                public void Start()
                {
                    _currentActivity = source.StartActivity(name, ActivityKind.Client, default(ActivityContext), startTime: _startTime);
                    if (_currentActivity is null && _startTime != default)
                    {
                        _currentActivity = new Activity(name);
                        _currentActivity.SetStartTime(_startTime.UtcDateTime);
                        _currentActivity.Start();
                    }
                }

                public void SetStartTime(DateTime startTime)
                {
                    _startTime = startTime;
                    _currentActivity?.SetStartTime(startTime);
                }

                public void Dispose() => _currentActivity?.Dispose();
            }
        }

        """;

    /// <summary>review47 Repro/AzureDiagnosticScopeWrapper: the time is set before Start(), as Azure.Identity does.</summary>
    [Fact]
    public Task Azure_shaped_scope_given_a_local_time_before_start_is_not_reported() => VerifyAsync(Usings + AzureShapedScope + """
        public static class Caller
        {
            private static readonly ActivitySource Source = new("Probe");

            public static void Run()
            {
                using var scope = new OperationScope(Source, "Client.Op");
                scope.SetStartTime(DateTime.Now);
                scope.Start();
            }
        }
        """);

    /// <summary>The twin: the same store and guarded call, but the activity is created with the wrapper, so every call reaches it.</summary>
    [Fact]
    public Task Wrapper_whose_activity_exists_from_construction_is_still_reported() => VerifyAsync(Usings + """
        public sealed class EagerScope : IDisposable
        {
            private readonly Activity? _activity;
            private DateTimeOffset _startTime;

            public EagerScope(ActivitySource source, string name) => _activity = source.StartActivity(name);

            public void SetStartTime(DateTime startTime)
            {
                _startTime = startTime;
                _activity?.SetStartTime(startTime);
            }

            public void Dispose() => _activity?.Dispose();
        }

        public sealed class InitializedScope(ActivitySource source) : IDisposable
        {
            private readonly Activity? _activity = source.StartActivity("op");
            private DateTimeOffset _startTime;

            public void SetStartTime(DateTime startTime)
            {
                _startTime = startTime;
                _activity?.SetStartTime(startTime);
            }

            public void Dispose() => _activity?.Dispose();
        }

        public static class Caller
        {
            private static readonly ActivitySource Source = new("Probe");

            public static void Run()
            {
                using var eager = new EagerScope(Source, "op");
                eager.SetStartTime({|#0:DateTime.Now|});
                eager.SetStartTime(DateTime.UtcNow);
                using var initialized = new InitializedScope(Source);
                initialized.SetStartTime({|#1:DateTime.Now|});
                initialized.SetStartTime(DateTime.UtcNow);
            }
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("EagerScope.SetStartTime → Activity.SetStartTime", "DateTime.Now (Kind Local)"),
        NonUtc.Diagnostic().WithLocation(1).WithArguments("InitializedScope.SetStartTime → Activity.SetStartTime", "DateTime.Now (Kind Local)"));

    /// <summary>The if/else form: the activity when it exists, the stored offset otherwise.</summary>
    [Fact]
    public Task Wrapper_storing_the_time_in_the_else_of_an_existence_test_is_not_reported() => VerifyAsync(Usings + """
        public sealed class LazyScope(ActivitySource source, string name)
        {
            private Activity? _activity;
            private DateTimeOffset? _pendingStart;

            public void Start() => _activity = source.StartActivity(name, ActivityKind.Internal, default(ActivityContext), startTime: _pendingStart ?? default);

            public void SetStartTime(DateTime start)
            {
                if (_activity != null)
                {
                    _activity.SetStartTime(start);
                }
                else
                {
                    _pendingStart = start;
                }
            }

            public void SetStartTimeNegated(DateTime start)
            {
                if (_activity is null)
                    _pendingStart = new DateTimeOffset(start);
                else
                    _activity.SetStartTime(start);
            }

            public void SetStartTimePattern(DateTime start)
            {
                _pendingStart = start;
                if (_activity is { })
                    _activity.SetStartTime(start);
            }

            public void SetStartTimeGuarded(DateTime start)
            {
                if (_activity == null)
                {
                    _pendingStart = start;
                    return;
                }

                _activity.SetStartTime(start);
            }
        }

        public static class Caller
        {
            public static void Run(ActivitySource source)
            {
                var scope = new LazyScope(source, "op");
                scope.SetStartTime(DateTime.Now);
                scope.SetStartTimeNegated(DateTime.Now);
                scope.SetStartTimePattern(DateTime.Now);
                scope.SetStartTimeGuarded(DateTime.Now);
                scope.Start();
            }
        }
        """);

    /// <summary>Reported twins of the lazy scope: each lacks one of the three facts that keep it quiet.</summary>
    [Fact]
    public Task Lazy_wrappers_that_drop_the_value_on_some_path_are_reported() => VerifyAsync(Usings + """
        public sealed class LazyScope(ActivitySource source, string name, bool enabled)
        {
            private Activity? _activity;
            private DateTimeOffset _pendingStart;
            private DateTime _pendingLocal;

            public void Start() => _activity = source.StartActivity(name, ActivityKind.Internal, default(ActivityContext), startTime: _pendingStart);

            // Nothing is stored: before Start() the time is lost, after it is ignored.
            public void SetStartTimeNoStore(DateTime start) => _activity?.SetStartTime(start);

            // Stored as a DateTime, which Start() may hand to SetStartTime again: not known to convert.
            public void SetStartTimeAsDateTime(DateTime start)
            {
                _pendingLocal = start;
                _activity?.SetStartTime(start);
            }

            // The test is on something else than the activity: the call may run whether or not the activity exists.
            public void SetStartTimeOtherTest(DateTime start)
            {
                if (enabled)
                    _activity!.SetStartTime(start);
                else
                    _pendingStart = start;
            }

            // The guard clause returns when something else is null: the activity may exist or not below it.
            public void SetStartTimeOtherGuard(DateTime start)
            {
                if (source == null)
                {
                    _pendingStart = start;
                    return;
                }

                _activity!.SetStartTime(start);
            }

            // A stored end time has no DateTimeOffset way into the span: only start times are deferred.
            public void SetEndTime(DateTime end)
            {
                _pendingStart = end;
                _activity?.SetEndTime(end);
            }
        }

        public static class Caller
        {
            public static void Run(ActivitySource source)
            {
                var scope = new LazyScope(source, "op", true);
                scope.SetStartTimeNoStore({|#0:DateTime.Now|});
                scope.SetStartTimeAsDateTime({|#1:DateTime.Now|});
                scope.SetStartTimeOtherTest({|#2:DateTime.Now|});
                scope.SetEndTime({|#3:DateTime.Now|});
                scope.SetStartTimeOtherGuard({|#4:DateTime.Now|});
                scope.SetStartTimeOtherGuard(DateTime.UtcNow);
                scope.SetStartTimeNoStore(DateTime.UtcNow);
                scope.SetStartTimeAsDateTime(DateTime.UtcNow);
                scope.SetStartTimeOtherTest(DateTime.UtcNow);
                scope.SetEndTime(DateTime.UtcNow);
            }
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("LazyScope.SetStartTimeNoStore → Activity.SetStartTime", "DateTime.Now (Kind Local)"),
        NonUtc.Diagnostic().WithLocation(1).WithArguments("LazyScope.SetStartTimeAsDateTime → Activity.SetStartTime", "DateTime.Now (Kind Local)"),
        NonUtc.Diagnostic().WithLocation(2).WithArguments("LazyScope.SetStartTimeOtherTest → Activity.SetStartTime", "DateTime.Now (Kind Local)"),
        NonUtc.Diagnostic().WithLocation(3).WithArguments("LazyScope.SetEndTime → Activity.SetEndTime", "DateTime.Now (Kind Local)"),
        NonUtc.Diagnostic().WithLocation(4).WithArguments("LazyScope.SetStartTimeOtherGuard → Activity.SetStartTime", "DateTime.Now (Kind Local)"));

    /// <summary>The direct call on the activity is still reported wherever the wrapper lives; only the wrapper call is deferred.</summary>
    [Fact]
    public Task Direct_activity_call_beside_a_deferring_wrapper_is_reported() => VerifyAsync(Usings + AzureShapedScope + """
        public static class Caller
        {
            private static readonly ActivitySource Source = new("Probe");

            public static void Run()
            {
                using var scope = new OperationScope(Source, "Client.Op");
                scope.SetStartTime(DateTime.Now);
                scope.Start();
                Activity.Current?.SetStartTime({|#0:DateTime.Now|});
            }
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "DateTime.Now (Kind Local)"));

    /// <summary>Half-typed code: a caller with an unrelated error keeps both answers.</summary>
    [Fact]
    public Task Half_typed_callers_keep_the_quiet_and_the_reported_wrapper() => new AnalyzerTest<NonUtcActivityTimeAnalyzer>
    {
        TestCode = Usings + AzureShapedScope + """
            public sealed class EagerScope(ActivitySource source)
            {
                private readonly Activity? _activity = source.StartActivity("op");
                private DateTimeOffset _startTime;

                public void SetStartTime(DateTime startTime)
                {
                    _startTime = startTime;
                    _activity?.SetStartTime(startTime);
                }
            }

            public static class Caller
            {
                public static void Run(ActivitySource source)
                {
                    var x = ;
                    using var scope = new OperationScope(source, "Client.Op");
                    scope.SetStartTime(DateTime.Now);
                    new EagerScope(source).SetStartTime({|#0:DateTime.Now|});
                    scope.Start(
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
        ExpectedDiagnostics = { NonUtc.Diagnostic().WithLocation(0).WithArguments("EagerScope.SetStartTime → Activity.SetStartTime", "DateTime.Now (Kind Local)") },
    }.RunAsync();

    [Theory]
    [InlineData("private Activity? _a; private DateTimeOffset _s; public void SetStartTime(DateTime t) { _s = t; _a?.SetStartTime(t) }")]
    [InlineData("private Activity? _a; private DateTimeOffset _s; public void SetStartTime(DateTime t) { if (_a != ) _a.SetStartTime(t); else _s = t; }")]
    [InlineData("private Activity? _a = ; private DateTimeOffset _s; public void SetStartTime(DateTime t) { _s = t; _a?.SetStartTime(t); }")]
    [InlineData("private Activity? _a; private Missing _s; public W() { _a = } public void SetStartTime(DateTime t) { _s = t; _a?.SetStartTime(t); }")]
    [InlineData("private Activity? _a; private DateTimeOffset _s; public void SetStartTime(DateTime t) { _s = ; if (_a is not ) _a.SetStartTime(t); }")]
    public async Task Half_typed_wrappers_do_not_crash(string members)
    {
        var code = Usings + "public class W { " + members + " } public static class C { public static void Run() => new W().SetStartTime(DateTime.Now); }";
        try
        {
            await new AnalyzerTest<NonUtcActivityTimeAnalyzer> { TestCode = code, CompilerDiagnostics = CompilerDiagnostics.None }.RunAsync();
        }
        catch (Xunit.Sdk.XunitException ex) when (!ex.Message.Contains("threw", StringComparison.Ordinal) && ex.Message.Contains("differ", StringComparison.Ordinal))
        {
            // Only "no analyzer exception" is asserted here; the reported and quiet cases are pinned above.
        }
    }
}
