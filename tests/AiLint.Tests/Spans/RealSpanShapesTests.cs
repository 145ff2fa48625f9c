using AiLint.Analyzers.Rules.Spans;
using AiLint.CodeFixes.Rules.Spans;
using AiLint.Tests.Verifiers;
using NonUtc = AiLint.Tests.Verifiers.CSharpCodeFixVerifier<
    AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer,
    AiLint.CodeFixes.Rules.Spans.NonUtcActivityTimeCodeFixProvider>;
using Client = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;

namespace AiLint.Tests.Spans;

/// <summary>
/// AIL0101/AIL0102 on span code as public .NET apps write it (paraphrased; repositories named per test): process start
/// times and read-only start stamps backdating spans, file times, DateTimeOffset sinks fed by the server clock, and
/// client timestamps given to the StartActivity overloads.
/// </summary>
public class RealSpanShapesTests
{
    // ---------------------------------------------------------------- AIL0102: local times from the framework

    // dotnet/sdk backdated its "main" and "host-startup" activities with Process.GetCurrentProcess().StartTime, a local
    // time that SetStartTime ignores; later versions append .ToUniversalTime().
    [Fact]
    public Task Process_start_time_backdating_a_span_is_reported_and_fixed() => NonUtc.VerifyCodeFixAsync(
        """
        using System.Diagnostics;
        public static class Cli
        {
            private static readonly ActivitySource Source = new("dotnet-cli");
            public static void Start()
            {
                var main = Source.CreateActivity("main", ActivityKind.Internal)?.Start();
                main?.SetStartTime({|#0:Process.GetCurrentProcess().StartTime|});
                using var aot = Source.StartActivity("native-entrypoint");
                aot?.SetStartTime(Process.GetCurrentProcess().StartTime.ToUniversalTime());
            }
        }
        """,
        """
        using System.Diagnostics;
        public static class Cli
        {
            private static readonly ActivitySource Source = new("dotnet-cli");
            public static void Start()
            {
                var main = Source.CreateActivity("main", ActivityKind.Internal)?.Start();
                main?.SetStartTime(Process.GetCurrentProcess().StartTime.ToUniversalTime());
                using var aot = Source.StartActivity("native-entrypoint");
                aot?.SetStartTime(Process.GetCurrentProcess().StartTime.ToUniversalTime());
            }
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "Process.StartTime (Kind Local)"));

    // dotnet/sdk also kept `static readonly DateTime s_mainTimeStamp`, set to DateTime.Now in the static constructor, and
    // passed it to a TrackHostStartup helper that ends a span with it.
    [Fact]
    public Task Read_only_stamp_set_to_local_now_reaches_a_helper_that_ends_a_span() => NonUtc.VerifyCodeFixAsync(
        """
        using System;
        using System.Diagnostics;
        public static class Program
        {
            private static readonly ActivitySource Source = new("dotnet-cli");
            private static readonly DateTime s_mainTimeStamp;

            static Program()
            {
                s_mainTimeStamp = DateTime.Now;
                TrackHostStartup({|#0:s_mainTimeStamp|});
            }

            private static void TrackHostStartup(DateTime mainTimeStamp)
            {
                var startup = Source.CreateActivity("host-startup", ActivityKind.Server);
                startup?.SetStartTime(Process.GetCurrentProcess().StartTime.ToUniversalTime());
                startup?.SetEndTime(mainTimeStamp);
                startup?.Dispose();
            }
        }
        """,
        """
        using System;
        using System.Diagnostics;
        public static class Program
        {
            private static readonly ActivitySource Source = new("dotnet-cli");
            private static readonly DateTime s_mainTimeStamp;

            static Program()
            {
                s_mainTimeStamp = DateTime.UtcNow;
                TrackHostStartup(s_mainTimeStamp);
            }

            private static void TrackHostStartup(DateTime mainTimeStamp)
            {
                var startup = Source.CreateActivity("host-startup", ActivityKind.Server);
                startup?.SetStartTime(Process.GetCurrentProcess().StartTime.ToUniversalTime());
                startup?.SetEndTime(mainTimeStamp);
                startup?.Dispose();
            }
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("Program.TrackHostStartup → Activity.SetEndTime", "'s_mainTimeStamp' (from DateTime.Now (Kind Local))"));

    // A call record that stamps its start on construction, read back when the span is closed.
    [Fact]
    public Task Get_only_start_stamp_initialized_to_local_now_is_reported() => NonUtc.VerifyAnalyzerAsync(
        """
        using System;
        using System.Diagnostics;
        public sealed class LlmCall
        {
            public DateTime StartedAt { get; } = DateTime.Now;
            public DateTime StartedUtc { get; } = DateTime.UtcNow;
            public DateTime Received { get; init; } = DateTime.Now;
            public void Close(Activity activity)
            {
                activity.SetStartTime({|#0:StartedAt|});
                activity.SetStartTime(StartedUtc);
                activity.SetStartTime(Received);
            }
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "'StartedAt' (from DateTime.Now (Kind Local))"));

    // Read-only fields that are UTC, set from a parameter, written in more than one way, or mutable by other types are not reported.
    [Fact]
    public Task Read_only_fields_of_unknown_or_utc_kind_and_mutable_fields_are_not_reported() => NonUtc.VerifyAnalyzerAsync(
        """
        using System;
        using System.Diagnostics;
        public sealed class Turn
        {
            private static readonly DateTime ProcessStartedUtc = DateTime.UtcNow;
            internal static DateTime lastSeen = DateTime.Now;
            private readonly DateTime started;
            private readonly DateTime maybe = DateTime.Now;
            private readonly DateTime never;

            public Turn(DateTime started) => this.started = started;
            public Turn(bool utc) { if (utc) { maybe = DateTime.UtcNow; } }

            public void Close(Activity activity)
            {
                activity.SetStartTime(ProcessStartedUtc);
                activity.SetStartTime(lastSeen);
                activity.SetStartTime(started);
                activity.SetStartTime(maybe);
                activity.SetEndTime(never);
            }
        }
        """);

    // A span backdated to a file's write time (a batch importer): the Utc twins are the fix.
    [Fact]
    public Task File_times_are_local_and_fixed_with_their_utc_twins() => NonUtc.VerifyCodeFixAsync(
        """
        using System.Diagnostics;
        using System.IO;
        public static class Import
        {
            public static void Trace(Activity activity, FileInfo file, string path)
            {
                activity.SetStartTime({|#0:file.CreationTime|});
                activity.SetEndTime({|#1:File.GetLastWriteTime(path)|});
                activity.SetEndTime(file.LastWriteTimeUtc);
            }
        }
        """,
        """
        using System.Diagnostics;
        using System.IO;
        public static class Import
        {
            public static void Trace(Activity activity, FileInfo file, string path)
            {
                activity.SetStartTime(file.CreationTimeUtc);
                activity.SetEndTime(File.GetLastWriteTimeUtc(path));
                activity.SetEndTime(file.LastWriteTimeUtc);
            }
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "FileSystemInfo.CreationTime (Kind Local)"),
            NonUtc.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "File.GetLastWriteTime (Kind Local)"));

    // A time parsed from a JSON body with Convert.ToDateTime: Kind Local or Unspecified, like DateTime.Parse. No fix:
    // only the author knows the zone. Convert.ToDateTime of a DateTime passes its Kind through.
    [Fact]
    public Task Convert_ToDateTime_of_text_is_reported_without_a_fix() => new CodeFixTest<NonUtcActivityTimeAnalyzer, NonUtcActivityTimeCodeFixProvider>
    {
        TestCode = """
            using System;
            using System.Diagnostics;
            public static class Backfill
            {
                public static void Stamp(Activity activity, string finishedAt)
                {
                    activity.SetEndTime({|#0:Convert.ToDateTime(finishedAt)|});
                    activity.SetStartTime(Convert.ToDateTime(DateTime.UtcNow));
                    activity.SetStartTime(DateTime.SpecifyKind(Convert.ToDateTime(finishedAt), DateTimeKind.Utc));
                }
            }
            """,
        FixedCode = """
            using System;
            using System.Diagnostics;
            public static class Backfill
            {
                public static void Stamp(Activity activity, string finishedAt)
                {
                    activity.SetEndTime({|#0:Convert.ToDateTime(finishedAt)|});
                    activity.SetStartTime(Convert.ToDateTime(DateTime.UtcNow));
                    activity.SetStartTime(DateTime.SpecifyKind(Convert.ToDateTime(finishedAt), DateTimeKind.Utc));
                }
            }
            """,
        ExpectedDiagnostics =
        {
            NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "Convert.ToDateTime (parses like DateTime.Parse: Kind Local or Unspecified)"),
        },
    }.RunAsync();

    [Fact]
    public Task Half_typed_field_and_file_time_code_does_not_crash() => new AnalyzerTest<NonUtcActivityTimeAnalyzer>
    {
        TestCode = """
            using System;
            using System.Diagnostics;
            using System.IO;
            public sealed class Turn
            {
                private static readonly DateTime started =
                private readonly DateTime other;
                public Turn() { other = ; started = DateTime.Now; }
                public void Close(Activity a, FileInfo f)
                {
                    a.SetStartTime(started);
                    a.SetStartTime(other);
                    a.SetStartTime(f.LastWriteTime.);
                    a.SetEndTime(File.GetLastWriteTime();
                    a.SetEndTime(Process.GetCurrentProcess().
            """,
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
    }.RunAsync();

    // ---------------------------------------------------------------- AIL0101 / AIL0102: the StartActivity overloads

    // MediatR pipeline behaviours start their activity with the kind-first overload and a server clock
    // (DateTimeOffset.Now or TimeProvider.GetUtcNow()): the instant is right, so neither rule applies.
    [Fact]
    public Task Kind_first_StartActivity_with_the_server_clock_is_fine() => Client.VerifyAnalyzerAsync(
        """
        using System;
        using System.Diagnostics;
        public sealed class TracingBehavior(TimeProvider clock)
        {
            private static readonly ActivitySource Source = new("app");
            public void Handle(string name)
            {
                using var a = Source.StartActivity(ActivityKind.Internal, startTime: DateTimeOffset.Now, name: name);
                using var b = Source.StartActivity(ActivityKind.Internal, startTime: clock.GetUtcNow(), name: name);
            }
        }
        """);

    // The same overload given the time a chat client put in the request body.
    [Fact]
    public Task Kind_first_StartActivity_with_a_body_timestamp_is_reported() => Client.VerifyAnalyzerAsync(
        """
        using System;
        using System.Diagnostics;
        using Microsoft.AspNetCore.Mvc;
        public sealed record ChatTurn(string Text, DateTimeOffset SentAt);
        public class ChatController : ControllerBase
        {
            private static readonly ActivitySource Source = new("chat");
            [HttpPost]
            public IActionResult Post([FromBody] ChatTurn turn)
            {
                using var activity = Source.StartActivity(ActivityKind.Server, startTime: {|#0:turn.SentAt|}, name: "chat.turn");
                return Ok();
            }
        }
        """,
        Client.Diagnostic().WithLocation(0).WithArguments("ActivitySource.StartActivity", "the request body parameter 'turn'"));
}

/// <summary>AIL0101: client times read from a raw request body or a header, as minimal APIs and webhooks read them.</summary>
public class RealClientTimestampShapesTests
{
    // A webhook endpoint reads the raw body with a StreamReader and deserializes it itself.
    [Fact]
    public Task Body_read_with_a_stream_reader_and_deserialized_is_client_data() => Client.VerifyAnalyzerAsync(
        """
        using System;
        using System.Diagnostics;
        using System.IO;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        public sealed record ChatTurn(string Text, DateTimeOffset SentAt);
        public static class Webhook
        {
            private static readonly ActivitySource Source = new("chat");
            public static async Task Handle(HttpRequest request)
            {
                var json = await new StreamReader(request.Body).ReadToEndAsync();
                var turn = JsonSerializer.Deserialize<ChatTurn>(json)!;
                using var activity = Source.StartActivity("turn");
                activity?.SetStartTime({|#0:turn.SentAt.UtcDateTime|});
            }
        }
        """,
        Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "HttpRequest.Body"));
}

/// <summary>AIL0101: the start time given positionally to the full StartActivity overload.</summary>
public class RealClientPositionalStartTests
{
    [Fact]
    public Task Positional_start_time_of_the_full_overload_is_checked() => Client.VerifyAnalyzerAsync(
        """
        using System;
        using System.Diagnostics;
        using Microsoft.AspNetCore.Mvc;
        public sealed record ChatTurn(string Text, DateTimeOffset SentAt);
        public class ChatController : ControllerBase
        {
            private static readonly ActivitySource Source = new("chat");
            [HttpPost]
            public IActionResult Post([FromBody] ChatTurn turn)
            {
                using var client = Source.StartActivity("turn", ActivityKind.Server, default(ActivityContext), null, null, {|#0:turn.SentAt|});
                using var server = Source.StartActivity("turn", ActivityKind.Server, default(ActivityContext), null, null, DateTimeOffset.UtcNow);
                return Ok();
            }
        }
        """,
        Client.Diagnostic().WithLocation(0).WithArguments("ActivitySource.StartActivity", "the request body parameter 'turn'"));
}

/// <summary>AIL0101: a request body parsed into a JSON document, and readers over server data.</summary>
public class RealClientJsonDocumentTests
{
    [Fact]
    public Task Body_parsed_into_a_json_document_is_client_data_a_file_read_is_not() => Client.VerifyAnalyzerAsync(
        """
        using System;
        using System.Diagnostics;
        using System.IO;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        public static class Webhook
        {
            private static readonly ActivitySource Source = new("chat");
            public static async Task Handle(HttpRequest request)
            {
                using var document = await JsonDocument.ParseAsync(request.Body);
                var sentAt = document.RootElement.GetProperty("sentAt").GetDateTimeOffset();
                using var activity = Source.StartActivity("turn");
                activity?.SetStartTime({|#0:sentAt.UtcDateTime|});

                var saved = JsonDocument.Parse(await new StreamReader("last-run.json").ReadToEndAsync());
                activity?.SetEndTime(saved.RootElement.GetProperty("at").GetDateTime().ToUniversalTime());
            }
        }
        """,
        Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "HttpRequest.Body"));
}
