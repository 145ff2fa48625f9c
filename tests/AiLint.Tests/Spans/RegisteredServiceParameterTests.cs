using AiLint.Analyzers.Rules.Spans;
using AiLint.Tests.Verifiers;
using Client = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;

namespace AiLint.Tests.Spans;

/// <summary>
/// AIL0101: a handler parameter whose type the project registers in its service collection is filled from DI, not the
/// request: ASP.NET Core asks the container first for a minimal-API handler parameter, an <c>[ApiController]</c> action
/// parameter (.NET 7+) and a SignalR hub method argument. The middleware-stamped server time it holds is not the
/// client's. A DTO of the same shape that is not registered, a registered type in a plain MVC controller (model-bound
/// from the query or form) and the request body beside it are still reported.
/// </summary>
public class RegisteredServiceParameterTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Routing;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        """;

    private const string Types = """

        public sealed record TurnRequest(string Message, DateTimeOffset SentAt);

        // Filled by middleware from the server clock; registered with AddScoped.
        public sealed class RequestTiming { public DateTimeOffset ReceivedUtc { get; set; } }

        // The same shape, never registered: ASP.NET Core binds it from the request body or query.
        public sealed class ClientTiming { public DateTimeOffset ReceivedUtc { get; set; } }

        public static class Source { public static readonly ActivitySource Instance = new("chat"); }
        """;

    [Fact]
    public Task Minimal_api_parameter_of_a_registered_type_is_a_service_and_an_unregistered_twin_is_the_client() => new AnalyzerTest<ClientTimestampAnalyzer>
    {
        TestCode = Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services) => services.AddScoped<RequestTiming>();

                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapPost("/turns", (TurnRequest turn, RequestTiming timing) =>
                    {
                        using var activity = Source.Instance.StartActivity("turn");
                        activity?.SetStartTime(timing.ReceivedUtc.UtcDateTime);
                        activity?.SetEndTime({|#0:turn.SentAt.UtcDateTime|});
                        return Results.Ok();
                    });
                    app.MapPost("/client", (ClientTiming timing) =>
                    {
                        using var activity = Source.Instance.StartActivity("turn");
                        activity?.SetStartTime({|#1:timing.ReceivedUtc.UtcDateTime|});
                        return Results.Ok();
                    });
                }
            }
            """ + Types,
        ExpectedDiagnostics =
        {
            Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "the request-bound handler parameter 'turn'"),
            Client.Diagnostic().WithLocation(1).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'timing'"),
        },
    }.RunAsync();

    // Top-level statements, as the reviewer's app: builder.Services.AddScoped<T>() and a method group of Program.
    [Fact]
    public Task Top_level_registration_covers_the_lambda_and_the_method_group_handler() => new AnalyzerTest<ClientTimestampAnalyzer>
    {
        TestCode = Usings.Replace("using System.Threading.Tasks;\n", string.Empty) + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddScoped<RequestTiming>();
            var app = builder.Build();
            app.MapPost("/turns", (TurnRequest turn, RequestTiming timing) =>
            {
                using var activity = Source.Instance.StartActivity("turn");
                activity?.SetStartTime(timing.ReceivedUtc.UtcDateTime);
                return Results.Ok();
            });
            app.MapPut("/turns", Record);
            app.Run();

            static IResult Record(TurnRequest turn, RequestTiming timing)
            {
                using var activity = Source.Instance.StartActivity("turn");
                activity?.SetStartTime(timing.ReceivedUtc.UtcDateTime);
                activity?.SetEndTime({|#0:turn.SentAt.UtcDateTime|});
                return Results.Ok();
            }
            """ + Types,
        OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
        ExpectedDiagnostics = { Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "the request-bound handler parameter 'turn'") },
    }.RunAsync();

    [Fact]
    public Task ApiController_and_hub_take_registered_types_from_DI_but_a_plain_controller_model_binds_them() => new AnalyzerTest<ClientTimestampAnalyzer>
    {
        TestCode = Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services) => services.TryAddScoped<RequestTiming>();
            }

            [ApiController, Route("api/turns")]
            public sealed class TurnsController : ControllerBase
            {
                [HttpPost]
                public IActionResult Post(TurnRequest turn, RequestTiming timing, [FromQuery] ClientTiming client)
                {
                    using var activity = Source.Instance.StartActivity("turn");
                    activity?.SetStartTime(timing.ReceivedUtc.UtcDateTime);
                    activity?.SetEndTime({|#0:client.ReceivedUtc.UtcDateTime|});
                    return Ok();
                }
            }

            // No [ApiController]: MVC model-binds a complex parameter from the query or form, registered or not.
            public sealed class FormsController : Controller
            {
                [HttpPost]
                public IActionResult Post(RequestTiming timing)
                {
                    using var activity = Source.Instance.StartActivity("form");
                    activity?.SetStartTime({|#1:timing.ReceivedUtc.UtcDateTime|});
                    return Ok();
                }
            }

            public sealed class TimingHub : Microsoft.AspNetCore.SignalR.Hub
            {
                public Task Send(string message, RequestTiming timing, ClientTiming client)
                {
                    using var activity = Source.Instance.StartActivity("send");
                    activity?.SetStartTime(timing.ReceivedUtc.UtcDateTime);
                    activity?.SetEndTime({|#2:client.ReceivedUtc.UtcDateTime|});
                    return Task.CompletedTask;
                }
            }
            """ + Types,
        ExpectedDiagnostics =
        {
            Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetEndTime", "the query string parameter 'client'"),
            Client.Diagnostic().WithLocation(1).WithArguments("Activity.SetStartTime", "the request-bound action parameter 'timing'"),
            Client.Diagnostic().WithLocation(2).WithArguments("Activity.SetEndTime", "the SignalR hub method argument 'client'"),
        },
    }.RunAsync();

    // The other registration forms: service/implementation pair (the parameter names the service type), typeof, an
    // instance (type inferred), an open generic. A keyed registration needs [FromKeyedServices], so it does not count.
    [Fact]
    public Task Other_registration_forms_count_and_a_keyed_one_does_not() => new AnalyzerTest<ClientTimestampAnalyzer>
    {
        TestCode = Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddSingleton<ServerStamp, RefreshedServerStamp>();
                    services.AddTransient(typeof(BatchStamp));
                    services.AddSingleton(new BootStamp());
                    services.AddScoped(typeof(Stamp<>));
                    services.AddKeyedScoped<KeyedStamp>("edge");
                }

                public static void Map(IEndpointRouteBuilder app) =>
                    app.MapPost("/turns", (ServerStamp a, BatchStamp b, BootStamp c, Stamp<TurnRequest> d, KeyedStamp e) =>
                    {
                        using var activity = Source.Instance.StartActivity("turn");
                        activity?.SetStartTime(a.At.UtcDateTime);
                        activity?.SetStartTime(b.At.UtcDateTime);
                        activity?.SetStartTime(c.At.UtcDateTime);
                        activity?.SetStartTime(d.At.UtcDateTime);
                        activity?.SetStartTime({|#0:e.At.UtcDateTime|});
                        return Results.Ok();
                    });
            }

            public class ServerStamp { public DateTimeOffset At { get; set; } }
            public sealed class RefreshedServerStamp : ServerStamp { }
            public sealed class BatchStamp { public DateTimeOffset At { get; set; } }
            public sealed class BootStamp { public DateTimeOffset At { get; set; } }
            public sealed class Stamp<T> { public DateTimeOffset At { get; set; } }
            public sealed class KeyedStamp { public DateTimeOffset At { get; set; } }
            """ + Types,
        ExpectedDiagnostics = { Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'e'") },
    }.RunAsync();

    [Fact]
    public Task Half_typed_registrations_do_not_crash() => new AnalyzerTest<ClientTimestampAnalyzer>
    {
        TestCode = Usings + """
            public static class Startup
            {
                public static void Configure(IServiceCollection services)
                {
                    services.AddScoped<>();
                    services.AddSingleton<Missing>();
                    services.AddTransient(typeof());
                    services.AddScoped(
                }

                public static void Map(IEndpointRouteBuilder app) =>
                    app.MapPost("/turns", (TurnRequest turn, RequestTiming timing) =>
                    {
                        using var activity = Source.Instance.StartActivity("turn");
                        activity?.SetStartTime({|#0:timing.ReceivedUtc.UtcDateTime|});
                        activity?.SetEndTime({|#1:turn.SentAt.UtcDateTime|});
                        return Results.Ok();
                    });
            }
            """ + Types,
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        // None of the broken calls registers RequestTiming, so it is still bound from the request.
        ExpectedDiagnostics =
        {
            Client.Diagnostic().WithLocation(0).WithArguments("Activity.SetStartTime", "the request-bound handler parameter 'timing'"),
            Client.Diagnostic().WithLocation(1).WithArguments("Activity.SetEndTime", "the request-bound handler parameter 'turn'"),
        },
    }.RunAsync();
}
