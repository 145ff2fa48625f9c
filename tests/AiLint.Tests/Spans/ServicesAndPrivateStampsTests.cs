using AiLint.Analyzers.Rules.Spans;
using AiLint.Tests.Verifiers;
using Client = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;
using NonUtc = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer>;

namespace AiLint.Tests.Spans;

/// <summary>
/// False-positive hunt on the broadened span rules. AIL0101: handler parameters ASP.NET Core fills from DI (an EF Core
/// <c>DbContext</c>, a project service built around an <c>IChatClient</c>, <c>[FromServices]</c>, <c>HttpContext</c>,
/// <c>CancellationToken</c>, <c>ILogger</c>) are not the client, so times read from the database or a provider's reply
/// are not reported; the request DTO beside them still is. AIL0102: private stamps with a UTC write, never written,
/// filled by a serializer, guarded by <c>HasValue</c>, or overridable, next to the stamps that really are local.
/// </summary>
public class ServicesAndPrivateStampsTests
{
    private static readonly (string, string)[] EfCore =
    {
        ("Microsoft.EntityFrameworkCore", "10.0.15"),
        ("Microsoft.EntityFrameworkCore.Abstractions", "10.0.15"),
    };

    private const string Usings = """
        using System;
        using System.Diagnostics;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;
        using Microsoft.Extensions.Logging;

        """;

    private const string Data = """

        public sealed record TurnRequest(int SessionId, string Prompt, DateTimeOffset SentAt);

        public sealed class ChatSession
        {
            public int Id { get; set; }
            public DateTimeOffset StartedAt { get; set; }
        }

        // Options-constructed context, registered with AddDbContext.
        public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
        {
            public DbSet<ChatSession> Sessions { get; set; } = null!;
        }

        // Sample-style context configured in OnConfiguring: a public parameterless constructor, but it owns a connection.
        public sealed class SampleDbContext : DbContext
        {
            public DbSet<ChatSession> Sessions { get; set; } = null!;
            protected override void OnConfiguring(DbContextOptionsBuilder options) { }
        }
        """;

    // eShop-style endpoint class whose handlers take the request DTO and the services: the session loaded from the
    // database stamps the span (server data), the client's SentAt beside it is still reported.
    [Fact]
    public Task DbContext_and_other_services_of_a_method_group_handler_are_not_the_client() => new AnalyzerTest<ClientTimestampAnalyzer>
    {
        TestCode = Usings + "using Microsoft.EntityFrameworkCore;\n" + """
            public static class TurnEndpoints
            {
                private static readonly ActivitySource Source = new("chat");

                public static RouteGroupBuilder MapTurnEndpoints(this IEndpointRouteBuilder app)
                {
                    var group = app.MapGroup("/api/turns");
                    group.MapPost("/", RecordTurn);
                    group.MapPost("/sample", RecordSample);
                    group.MapGet("/{id}", (int id, SampleDbContext db) => Replay(id, db));
                    app.MapPost("/inline", async (TurnRequest turn, AppDbContext db, CancellationToken ct) =>
                    {
                        var session = await db.Sessions.FindAsync(new object[] { turn.SessionId }, ct);
                        Source.StartActivity("turn", ActivityKind.Server, default(ActivityContext), startTime: session!.StartedAt)?.Dispose();
                    });
                    return group;
                }

                private static async Task<IResult> RecordTurn(
                    TurnRequest turn, AppDbContext db, HttpContext http, ILogger<ChatSession> log, CancellationToken ct)
                {
                    var session = await db.Sessions.FindAsync(new object[] { turn.SessionId }, ct);
                    var started = await db.Sessions.Where(s => s.Id == turn.SessionId).Select(s => s.StartedAt).FirstAsync(ct);
                    using var activity = Source.StartActivity("chat.turn", ActivityKind.Server, default(ActivityContext), startTime: session!.StartedAt);
                    activity?.SetStartTime(started.UtcDateTime);
                    activity?.AddEvent(new ActivityEvent("client.sent", {|#0:turn.SentAt|}));
                    log.LogInformation("turn at {Path}", http.Request.Path);
                    return Results.Ok();
                }

                private static IResult RecordSample(TurnRequest turn, SampleDbContext db)
                {
                    var session = db.Sessions.Single(s => s.Id == turn.SessionId);
                    Source.StartActivity("turn", ActivityKind.Server, default(ActivityContext), startTime: session.StartedAt)?.Dispose();
                    return Results.Ok();
                }

                private static IResult Replay(int id, SampleDbContext db)
                {
                    Source.StartActivity("replay", ActivityKind.Server, default(ActivityContext), startTime: db.Sessions.Find(id)!.StartedAt)?.Dispose();
                    return Results.Ok();
                }
            }
            """ + Data,
        References = OlderSdkReferences.Adding(EfCore),
        ExpectedDiagnostics = { Client.Diagnostic().WithLocation(0).WithArguments("new ActivityEvent", "the request-bound handler parameter 'turn'") },
    }.RunAsync();

    // Project services without a DbContext: one built around an IChatClient (primary constructor, public settable
    // options), one that owns a resource (IDisposable) and one marked [FromServices]. What their methods return is the
    // server's or the provider's, not the client's. A request DTO class with a constructor that names its properties is
    // still bound from the body.
    [Fact]
    public Task Project_services_a_handler_or_action_takes_are_not_the_client() => Client.VerifyAnalyzerAsync(Usings + """
        using Microsoft.Extensions.AI;

        public sealed class ChatTurnService(IChatClient chat)
        {
            public string Model { get; set; } = "gpt-4o";
            public Task<ChatResponse> ReplyAsync(string prompt) => chat.GetResponseAsync(prompt);
        }

        public sealed class SessionClock : IDisposable
        {
            public DateTimeOffset OpenedAt { get; set; } = DateTimeOffset.UtcNow;
            public void Dispose() { }
        }

        public sealed class TurnStore
        {
            public DateTimeOffset LastWrite { get; set; }
        }

        public sealed class TurnBody
        {
            public TurnBody(string prompt, DateTimeOffset sentAt) { Prompt = prompt; SentAt = sentAt; }
            public string Prompt { get; }
            public DateTimeOffset SentAt { get; }
        }

        public static class TurnEndpoints
        {
            private static readonly ActivitySource Source = new("chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/turns", async (TurnBody turn, ChatTurnService service, SessionClock clock, [FromServices] TurnStore store) =>
                {
                    var reply = await service.ReplyAsync(turn.Prompt);
                    using var activity = Source.StartActivity("chat.turn", ActivityKind.Server, default(ActivityContext), startTime: clock.OpenedAt);
                    activity?.SetEndTime((reply.CreatedAt ?? DateTimeOffset.UtcNow).UtcDateTime);
                    activity?.SetStartTime(store.LastWrite.UtcDateTime);
                    activity?.SetStartTime({|#0:turn.SentAt.UtcDateTime|});
                });
            }
        }

        public class TurnsController : ControllerBase
        {
            private static readonly ActivitySource Source = new("chat");

            [HttpPost("turns")]
            public async Task<IActionResult> Post(TurnBody turn, ChatTurnService service, SessionClock clock)
            {
                var reply = await service.ReplyAsync(turn.Prompt);
                using var activity = Source.StartActivity("chat.turn", ActivityKind.Server, default(ActivityContext), startTime: clock.OpenedAt);
                activity?.SetEndTime((reply.CreatedAt ?? DateTimeOffset.UtcNow).UtcDateTime);
                activity?.SetEndTime({|#1:turn.SentAt.UtcDateTime|});
                return Ok();
            }
        }
        """,
        Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'turn'"),
        Client.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "the request-bound action parameter 'turn'"));

    // eShop's catalog API groups its services in one [AsParameters] class (the DbContext, options, a logger) next to an
    // [AsParameters] request struct: what the DbContext member returns is the database's, a [FromServices] member of a
    // positional record is a service, and the header member of the request struct is still the client's.
    [Fact]
    public Task Service_members_of_an_AsParameters_group_are_not_the_client() => new AnalyzerTest<ClientTimestampAnalyzer>
    {
        TestCode = Usings + "using Microsoft.EntityFrameworkCore;\nusing Microsoft.Extensions.Options;\n" + """
            public sealed class CatalogOptions { public int PageSize { get; set; } }
            public sealed class TurnStore { public DateTimeOffset LastWrite { get; set; } }

            public class CatalogServices(AppDbContext context, IOptions<CatalogOptions> options, ILogger<CatalogServices> logger)
            {
                public AppDbContext Context { get; } = context;
                public IOptions<CatalogOptions> Options { get; } = options;
                public ILogger<CatalogServices> Logger { get; } = logger;
            }

            public readonly record struct TurnQuery(int SessionId, [FromHeader(Name = "X-Sent-At")] DateTimeOffset SentAt, [FromServices] TurnStore Store);

            public static class SessionApi
            {
                private static readonly ActivitySource Source = new("catalog");

                public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
                {
                    app.MapGet("/sessions/{sessionId}", GetSession);
                    app.MapGet("/v1/sessions/{sessionId}", GetSessionV1);
                    return app;
                }

                public static async Task<IResult> GetSessionV1([AsParameters] TurnQuery query, [AsParameters] CatalogServices services) =>
                    await GetSession({|#1:query|}, services);

                public static async Task<IResult> GetSession([AsParameters] TurnQuery query, [AsParameters] CatalogServices services)
                {
                    var session = await services.Context.Sessions.SingleAsync(s => s.Id == query.SessionId);
                    using var activity = Source.StartActivity("session.get", ActivityKind.Server, default(ActivityContext), startTime: session.StartedAt);
                    activity?.SetStartTime(query.Store.LastWrite.UtcDateTime);
                    activity?.SetEndTime({|#0:query.SentAt.UtcDateTime|});
                    services.Logger.LogInformation("page size {Size}", services.Options.Value.PageSize);
                    return Results.Ok(session);
                }
            }
            """ + Data,
        References = OlderSdkReferences.Adding(EfCore),
        ExpectedDiagnostics =
        {
            Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "the request-bound parameter 'query'"),
            // The V1 route forwards the client's query to the handler that stamps SentAt; its services are not followed.
            Client.Diagnostic().WithLocation(1).WithArguments("SessionApi.GetSession → Activity.SetEndTime", "the request-bound parameter 'query'"),
        },
    }.RunAsync();

    // GET and DELETE handlers get no inferred body: a complex parameter without TryParse/BindAsync there is a service
    // (an in-memory session store with public settable members), while a parsable one (a DateTimeOffset from the query)
    // is still the client's.
    [Fact]
    public Task Complex_parameters_of_get_and_delete_handlers_are_services() => Client.VerifyAnalyzerAsync(Usings + """
        using System.Collections.Generic;

        public sealed class SessionStore
        {
            public Dictionary<int, DateTimeOffset> Started { get; set; } = new();
        }

        public static class SessionEndpoints
        {
            private static readonly ActivitySource Source = new("chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapGet("/sessions/{id}", (int id, DateTimeOffset? since, SessionStore store) =>
                {
                    using var activity = Source.StartActivity("session.get", ActivityKind.Server, default(ActivityContext), startTime: store.Started[id]);
                    activity?.SetStartTime({|#0:since!.Value.UtcDateTime|});
                });
                app.MapDelete("/sessions/{id}", Close);
            }

            private static void Close(int id, SessionStore store) =>
                Source.StartActivity("session.close", ActivityKind.Server, default(ActivityContext), startTime: store.Started[id])?.Dispose();
        }
        """,
        Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'since'"));

    // A handler taking the real OpenAI ChatClient from DI: the provider's CreatedAt is not the client's clock (no
    // serializer can build a ChatClient: every public constructor needs a credential).
    [Fact]
    public Task Sdk_client_parameter_of_a_handler_is_a_service() => Client.VerifyAnalyzerAsync(Usings + """
        using OpenAI.Chat;

        public sealed record TurnRequest(string Prompt, DateTimeOffset SentAt);

        public static class ChatEndpoints
        {
            private static readonly ActivitySource Source = new("chat");

            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapPost("/chat", async (TurnRequest turn, ChatClient chat) =>
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(turn.Prompt));
                    using var activity = Source.StartActivity("chat", ActivityKind.Server, default(ActivityContext), startTime: completion.CreatedAt);
                    activity?.SetStartTime({|#0:turn.SentAt.UtcDateTime|});
                });
            }
        }
        """,
        Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'turn'"));

    [Fact]
    public Task Half_typed_service_parameters_do_not_crash() => new AnalyzerTest<ClientTimestampAnalyzer>
    {
        TestCode = Usings + "using Microsoft.EntityFrameworkCore;\n" + """
            public sealed class BrokenDbContext : DbContext
            {
                public BrokenDbContext(DbContextOptions<BrokenDbContext> options, ) : base(options) { }
                public DbSet<Missing> Rows { get; set; }
            }

            public sealed class HalfService(IDisposable owner, 
            {
                public DateTimeOffset At { get; set; }
            }

            public static class TurnEndpoints
            {
                private static readonly ActivitySource Source = new("chat");
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapPost("/a", Record);
                    app.MapGet("/c", ([AsParameters] Missing group, HalfService svc, int) =>
                        Source.StartActivity("t", ActivityKind.Server, default(ActivityContext), startTime: group.Context.Rows.
                    app.MapDelete("/d", Close
                    app.MapPost("/b", (BrokenDbContext db, HalfService svc, Unknown u) =>
                        Source.StartActivity("t", ActivityKind.Server, default(ActivityContext), startTime: svc.At)?.SetStartTime(db.Rows.First().
                }

                private static void Record(BrokenDbContext db, HalfService svc) =>
                    Source.StartActivity("t", ActivityKind.Server, default(ActivityContext), startTime: db.Rows.Find(1).At);
            """,
        References = OlderSdkReferences.Adding(EfCore),
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();

    // AIL0102: the stamps real LLM-call scopes keep. Set with UtcNow in the constructor (a local copy for display only),
    // never set and guarded with != default, a nullable stamp guarded by HasValue with a UTC write, members a serializer
    // fills ([JsonInclude] on a private setter or private init), a private setter read off another instance (an entity
    // an ORM loads), and a get-only property a derived type overrides. The local stamps next to them are reported.
    [Fact]
    public Task Private_stamps_real_scopes_keep_are_not_reported_next_to_local_ones() => NonUtc.VerifyAnalyzerAsync("""
        using System;
        using System.Diagnostics;
        using System.Text.Json.Serialization;

        public sealed class LlmCallScope : IDisposable
        {
            private readonly Activity? activity;
            private DateTime startedUtc;
            private DateTime startedLocalForDisplay;
            private DateTime resumed;
            private DateTime? firstTokenUtc;
            private DateTime? firstTokenLocal;

            public LlmCallScope(Activity? activity)
            {
                this.activity = activity;
                startedUtc = DateTime.UtcNow;
                startedLocalForDisplay = DateTime.Now;
            }

            public string Describe() => "started " + startedLocalForDisplay.ToShortTimeString() + " / " + startedUtc.ToLocalTime();

            public void OnToken()
            {
                if (!firstTokenUtc.HasValue)
                {
                    firstTokenUtc = DateTime.UtcNow;
                    firstTokenLocal = DateTime.Now;
                }
            }

            public void Dispose()
            {
                activity?.SetStartTime(startedUtc);
                if (resumed != default)
                {
                    activity?.SetStartTime(resumed);
                }

                if (firstTokenUtc.HasValue)
                {
                    activity?.SetEndTime(firstTokenUtc.Value);
                }

                if (firstTokenLocal.HasValue)
                {
                    activity?.SetEndTime({|#0:firstTokenLocal.Value|});
                }

                activity?.SetEndTime({|#1:startedLocalForDisplay|});
            }
        }

        public sealed class StoredCall
        {
            [JsonInclude] public DateTime StartedAt { get; private set; } = DateTime.Now;
            [JsonInclude] public DateTime EndedAt { get; private init; } = DateTime.Now;
            [JsonInclude] private DateTime queuedAt = DateTime.Now;

            public void Replay(Activity activity)
            {
                activity.SetStartTime(StartedAt);
                activity.SetStartTime(queuedAt);
                activity.SetEndTime(EndedAt);
            }
        }

        // An entity: EF Core fills a private setter from the database (with the Kind its value converter gives), so a
        // read off a loaded instance is not the constructor's DateTime.Now.
        public sealed class ChatSessionEntity
        {
            public ChatSessionEntity() => StartedAt = DateTime.Now;
            public int Id { get; private set; }
            public DateTime StartedAt { get; private set; }
        }

        public static class SessionTracing
        {
            public static void Replay(ChatSessionEntity session, Activity activity) => activity.SetStartTime(session.StartedAt);
        }

        public class CallTiming
        {
            public virtual DateTime StartedAt { get; } = DateTime.Now;
            public void Apply(Activity activity) => activity.SetStartTime(StartedAt);
        }

        public sealed class UtcCallTiming : CallTiming
        {
            public override DateTime StartedAt => DateTime.UtcNow;
        }
        """,
        NonUtc.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "'firstTokenLocal' (from DateTime.Now (Kind Local))"),
        NonUtc.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "'startedLocalForDisplay' (from DateTime.Now (Kind Local))"));
}
