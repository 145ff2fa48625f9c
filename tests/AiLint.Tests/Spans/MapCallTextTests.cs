using AiLint.Analyzers.Rules.Spans;
using Microsoft.CodeAnalysis.Text;
using Client = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.ClientTimestampAnalyzer>;

namespace AiLint.Tests.Spans;

/// <summary>
/// The text test that spares AIL0101's walk of a type looking for the handlers it maps itself (<see cref="MapCallText"/>):
/// it may say "maybe" too often, never "no" for a type that spells a Map* name.
/// </summary>
public class MapCallTextTests
{
    private const string Usings = """
        using System;
        using System.Diagnostics;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Routing;

        """;

    [Theory]
    [InlineData("group.MapPost(\"/\", RecordTurn);")]
    [InlineData("app.MapGet(\"/\", Read);")]
    [InlineData("var mapper = new Mapper();")]            // another word: the walk runs and finds no Map* call
    [InlineData("group.M\\u0061pPost(\"/\", RecordTurn);")] // a Unicode escape in the name
    [InlineData("group.\\U0000004DapPost(\"/\", R);")]
    [InlineData("group.Ma\u00ADpPost(\"/\", RecordTurn);")]  // a soft hyphen (a formatting character ValueText drops)
    public void Text_that_may_spell_a_Map_name_says_maybe(string text) =>
        Assert.True(MapCallText.MaySpellMapName(SourceText.From(text), new TextSpan(0, text.Length)));

    [Theory]
    [InlineData("group.AddPost(\"/\", RecordTurn);")]
    [InlineData("var roadmap = map.Count; // MAP, mAp")]
    [InlineData("")]
    public void Text_without_a_Map_name_says_no(string text) =>
        Assert.False(MapCallText.MaySpellMapName(SourceText.From(text), new TextSpan(0, text.Length)));

    [Fact]
    public void Only_the_span_is_read()
    {
        // "Map" inside the span counts, a "Map" cut by the span's end or start does not.
        var text = new string(' ', 1022) + "MapPost" + new string(' ', 10) + "Map";
        Assert.True(MapCallText.MaySpellMapName(SourceText.From(text), new TextSpan(0, 1030)));
        Assert.True(MapCallText.MaySpellMapName(SourceText.From(text), new TextSpan(1030, 12)));
        Assert.False(MapCallText.MaySpellMapName(SourceText.From(text), new TextSpan(0, 1023)));
        Assert.False(MapCallText.MaySpellMapName(SourceText.From(text), new TextSpan(1024, 10)));
    }

    // The mapped-handler reading with the map call's name escaped: the text test must let the walk run, and the handler's
    // body parameter is still a client source.
    [Fact]
    public Task Handler_mapped_under_an_escaped_name_is_still_request_bound() => Client.VerifyAnalyzerAsync(Usings + """
        public sealed record TurnRequest(string Model, DateTimeOffset SentAt);

        public static class TurnEndpoints
        {
            private static readonly ActivitySource Source = new("chat");

            public static RouteGroupBuilder MapTurnEndpoints(this IEndpointRouteBuilder app)
            {
                var group = app.MapGroup("/api/turns");
                group.M\u0061pPost("/", RecordTurn);
                return group;
            }

            private static IResult RecordTurn(TurnRequest turn)
            {
                using var activity = Source.StartActivity("chat.turn", ActivityKind.Server, default(ActivityContext), startTime: {|#0:turn.SentAt|});
                return Results.Ok();
            }
        }
        """,
        Client.Diagnostic().WithLocation(0).WithArguments("ActivitySource.StartActivity", "the request-bound handler parameter 'turn'"));

    // The twin whose type maps nothing (its text spells no Map* name, so the walk is skipped): the same method's
    // parameter is not a handler parameter, and nothing is reported.
    [Fact]
    public Task Same_method_in_a_type_that_maps_nothing_is_not_request_bound() => Client.VerifyAnalyzerAsync(Usings + """
        public sealed record TurnRequest(string Model, DateTimeOffset SentAt);

        public static class TurnRecorder
        {
            private static readonly ActivitySource Source = new("chat");

            public static IResult RecordTurn(TurnRequest turn)
            {
                using var activity = Source.StartActivity("chat.turn", ActivityKind.Server, default(ActivityContext), startTime: turn.SentAt);
                return Results.Ok();
            }
        }
        """);
}
