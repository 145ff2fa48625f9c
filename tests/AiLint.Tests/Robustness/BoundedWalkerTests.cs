using System.Text;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Robustness;

/// <summary>
/// The walkers that UnboundedRecursionTests does not reach, each given valid C# (or an input file) built to make it
/// loop, fan out exponentially, or recurse as deep as the input goes: Polly factories and wraps that contain themselves
/// (PollyRetries), a helper whose statements hold a 20,000-term expression (SourceBodies.CollectReturns), catch filters
/// of 10,000 <c>&amp;&amp;</c> or 20,000 <c>||</c> terms and a status pattern of 5,000 <c>or</c> alternatives (the Conjuncts and
/// pattern walkers of RateLimitOnlyRetries, NothingShownGuards and the helper-predicate reader), 300 nested
/// classes (OperationBlocksOfFile), and JSON files nested 100,000 deep (JsonReader). Every hostile input must finish,
/// without AD0001, in bounded time; its tame twin (the same construct, finite and small) must be reported, so the
/// hostile shape is known to reach the walker.
/// </summary>
/// <remarks>
/// A hang is caught by a time limit far above what the bounded walk takes (seconds alone, a minute or two under a
/// loaded parallel run for the 10,000-term filter); without the bound the Polly shapes ran for as long as anyone waited.
/// </remarks>
public class BoundedWalkerTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(300);

    /// <summary>The code each shape adds to the controller: members, and the body of the LLM call's region.</summary>
    private sealed record Shape(Func<bool, string> Members, Func<bool, string> Call, string[] ReportedWhenTame);

    private const string Ask = "await client.GetResponseAsync(json, cancellationToken: ct)";

    private static readonly Dictionary<string, Shape> Shapes = new()
    {
        // A v8 pipeline factory whose twelve switch arms call itself: each level fans out to twelve paths, eight levels deep.
        ["pipeline factory whose switch arms call itself"] = new(
            hostile => $$"""
                static ResiliencePipeline Retrying => new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3 }).Build();
                static ResiliencePipeline Make(int n) => n switch
                {
                    {{string.Join(Environment.NewLine, Enumerable.Range(0, 12).Select(i => $"{i} => {(hostile ? $"Make(n + {i + 1})" : "Retrying")},"))}}
                    _ => Retrying,
                };
                """,
            _ => $"await Make(N).ExecuteAsync(async ct => {Ask});",
            ["AIL0001"]),

        // A v7 policy property that wraps itself twelve times: each level fans out to twelve policies.
        ["v7 policy property that wraps itself"] = new(
            hostile => $$"""
                static IAsyncPolicy Retry => Policy.Handle<HttpRequestException>().RetryAsync(3);
                static IAsyncPolicy Timeout => Policy.TimeoutAsync(TimeSpan.FromSeconds(10));
                static IAsyncPolicy Wrapped => Policy.WrapAsync({{string.Join(", ", Enumerable.Range(0, 12).Select(i => hostile ? "Wrapped" : i == 11 ? "Retry" : "Timeout"))}});
                """,
            _ => $"await Wrapped.ExecuteAsync(async ct => {Ask}, CancellationToken.None);",
            ["AIL0001"]),

        // A helper whose returned value AIL0102 reads (a span's start time), after a 20,000-term expression statement.
        ["helper returning after a 20,000-term expression statement"] = new(
            hostile => $$"""
                static DateTime StartedAt(string json)
                {
                    var noise = {{Concatenation(hostile ? 20_000 : 2)}};
                    Console.WriteLine(noise);
                    return DateTime.Now;
                }
                """,
            _ => $"""
                activity?.SetStartTime(StartedAt(json));
                await client.GetResponseAsync(json);
                """,
            ["AIL0102"]),

        // Retry loops whose catch reads one long chain (the compiler binds each without recursion): a filter of 10,000
        // `&&` or 20,000 `||` terms, a status pattern of 5,000 `or` alternatives, a rethrow test of 5,000 `||` terms (see its note).
        ["catch filter of 10,000 && terms"] = new(
            _ => "",
            hostile => RetryLoop(
                $"when ({string.Join(" && ", Enumerable.Range(0, hostile ? 10_000 : 2).Select(i => i % 2 == 0 ? "attempt < 3" : "e.StatusCode != HttpStatusCode.BadRequest"))})",
                ""),
            ["AIL0001"]),
        ["catch filter of 20,000 || terms"] = new(
            _ => "",
            hostile => RetryLoop(
                $"when ({string.Join(" || ", Enumerable.Range(0, hostile ? 20_000 : 2).Select(i => $"(int?)e.StatusCode == {500 + (i % 100)}"))})",
                ""),
            ["AIL0001"]),
        ["status pattern of 5,000 or alternatives"] = new(
            _ => "",
            hostile => RetryLoop(
                $"when ((int?)e.StatusCode is {string.Join(" or ", Enumerable.Range(0, hostile ? 5_000 : 2).Select(i => (500 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)))})",
                ""),
            ["AIL0001"]),
        // 5,000 rather than 20,000: binding the chain itself takes the compiler long enough. The Retry analyzer's time on
        // this shape used to grow with the square of its length (95 s at 4,000 terms): each term walked up the whole chain
        // to find its catch (LoopRetryClassifier.InLeavingCatch) and each read of the caught exception walked the whole
        // loop (UserConfirmedRetries.SetFromConsole); both now remember their answers. Stack samples of this test show the
        // compiler, not the analyzer.
        ["rethrow test of 5,000 || terms"] = new(
            _ => "",
            hostile => RetryLoop(
                "",
                $"if ({string.Join(" || ", Enumerable.Range(0, hostile ? 5_000 : 2).Select(i => $"(int?)e.StatusCode == {400 + (i % 50)}"))}) throw;"),
            ["AIL0001"]),
    };

    private static string RetryLoop(string filter, string handler) => $$"""
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await client.GetResponseAsync(json);
                break;
            }
            catch (HttpRequestException e) {{filter}}
            {
                {{handler}}
            }
        }
        """;

    public static TheoryData<string> ShapeNames => new(Shapes.Keys);

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public async Task Hostile_shape_finishes_without_an_analyzer_crash(string shape)
    {
        var project = CreateProject(Controller(Shapes[shape], hostile: true));
        await AssertCompilesAsync(project);

        var crash = await WithinHangLimitAsync(ComponentRunner.AnalyzerCrashAsync(project));
        Assert.True(crash is null, crash);
    }

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public async Task Tame_twin_of_the_shape_is_reported(string shape)
    {
        var project = CreateProject(Controller(Shapes[shape], hostile: false));
        await AssertCompilesAsync(project);

        var ids = await IdsAsync(project);
        Assert.Superset(Shapes[shape].ReportedWhenTame.ToHashSet(), ids);
    }

    /// <summary>
    /// The file walker that hands each declaration's operation blocks to Retry, Models and AIL0101 recurses once per
    /// nested namespace or type. The compiler itself gives up on a nesting much shallower than a stack overflow of this
    /// walk needs, so this cannot be made to fail; it shows that a deep nesting reaches the walker and is still read.
    /// </summary>
    [Theory]
    [InlineData(300)]
    [InlineData(1)]
    public async Task A_retry_inside_deeply_nested_classes_is_still_reported(int depth)
    {
        var code = new StringBuilder("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            namespace Hostile;

            """);
        for (var i = 0; i < depth; i++)
        {
            code.Append("public partial class Outer").Append(i).AppendLine(" {");
        }

        code.AppendLine("""
            public sealed class Chat(IChatClient client)
            {
                public async Task<string> AskAsync(string question)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            return (await client.GetResponseAsync(question)).Text;
                        }
                        catch (HttpRequestException)
                        {
                        }
                    }

                    return "";
                }
            }
            """);
        code.Append('}', depth).AppendLine();

        var project = CreateProject(code.ToString());
        await AssertCompilesAsync(project);
        Assert.Contains("AIL0001", await WithinHangLimitAsync(IdsAsync(project)));
    }

    /// <summary>
    /// Eval files, model tables and appsettings are read from the user's files: a line of 100,000 open brackets must be
    /// a malformed line (AIL0304, AIL0506) or be ignored (appsettings), never a stack overflow. JsonReader stops at
    /// 64 levels; the well-formed twin beside each hostile line is read, so the file reaches the reader.
    /// </summary>
    [Theory]
    [InlineData('[')]
    [InlineData('{')]
    public async Task Json_nested_100000_deep_is_a_malformed_line_or_ignored(char open)
    {
        var deep = open == '[' ? new string('[', 100_000) : string.Concat(Enumerable.Repeat("{\"a\":", 100_000));
        var code = """
            using AiLint;
            using OpenAI;

            namespace Shop;

            public static class Prompts
            {
                [Prompt] public const string Support = "You are the Contoso support assistant.";
            }

            public sealed class Models
            {
                public object Client(OpenAIClient client) => client.GetChatClient("acme-large");
            }
            """;
        var goodCase = "{\"prompt\":\"Shop.Prompts.Support\",\"id\":\"c1\",\"input\":\"hi\",\"expect\":{\"contains\":\"hello\"}}";
        var project = CreateProject(
            code,
            ("evals/p.evals.jsonl", goodCase + "\n" + deep + "\n"),
            ("models/team.ailint-models.json", deep),
            ("models/other.ailint-models.json", """{ "models": [ { "provider": "openai", "id": "acme-large", "shutdownDate": "2020-01-01" } ] }"""),
            ("appsettings.json", "{ \"Chat\": { \"Model\": \"gpt-4o\", \"Nested\": " + deep + " } }"));
        await AssertCompilesAsync(project);

        var diagnostics = await WithinHangLimitAsync(AnalyzerRunner.GetDiagnosticsAsync(project, AiLintComponents.CreateAnalyzers()));
        var malformed = diagnostics.Where(d => d.Id is "AIL0304" or "AIL0506")
            .Select(d => (d.Id, Path.GetFileName(d.Location.GetLineSpan().Path), d.Location.GetLineSpan().StartLinePosition.Line + 1, d.GetMessage()))
            .ToList();
        Assert.Contains(malformed, m => m.Id == "AIL0304" && m.Item2 == "p.evals.jsonl" && m.Item3 == 2);
        Assert.Contains(malformed, m => m.Id == "AIL0506" && m.Item2 == "team.ailint-models.json" && m.Item4.Contains("nested too deeply", StringComparison.Ordinal));
        Assert.Equal(2, malformed.Count);

        // The well-formed twins are read: the good eval case covers the prompt (no AIL0301), the other table's row retires the id.
        Assert.DoesNotContain(diagnostics, d => d.Id == "AIL0301");
        Assert.Contains(diagnostics, d => d.Id == "AIL0503");
    }

    private static string Concatenation(int terms) =>
        // Every other term is the request body, so the sum is not folded into one constant.
        string.Join(" + ", Enumerable.Range(0, terms).Select(i => i % 2 == 0 ? $"\"{(char)('a' + (i % 26))}\"" : "json"));

    private static string Controller(Shape shape, bool hostile) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.AI;
        using Polly;
        using Polly.Retry;

        namespace Hostile;

        [ApiController]
        [Route("chat")]
        public sealed class ChatController(IChatClient client) : ControllerBase
        {
            static int N = 3;
            static readonly ActivitySource Source = new("Hostile");
            static readonly List<AITool> AllTools = [{{string.Join(", ", Enumerable.Range(0, 21).Select(i => $"AIFunctionFactory.Create(() => {i}, \"tool{i}\")"))}}];
            {{shape.Members(hostile)}}

            [HttpPost]
            public async Task<string> PostAsync([FromBody] string json)
            {
                using var activity = Source.StartActivity("chat");
                {{shape.Call(hostile)}}
                return "";
            }
        }
        """;

    private static async Task<HashSet<string>> IdsAsync(Project project) =>
        (await AnalyzerRunner.GetDiagnosticsAsync(project, AiLintComponents.CreateAnalyzers()))
            .Where(d => d.Id.StartsWith("AIL", StringComparison.Ordinal))
            .Select(d => d.Id)
            .ToHashSet();

    private static async Task<T> WithinHangLimitAsync<T>(Task<T> work)
    {
        var finished = await Task.WhenAny(work, Task.Delay(HangLimit));
        Assert.True(finished == work, $"The analyzers did not finish within {HangLimit.TotalSeconds} s: a walker does not terminate or fans out without bound.");
        return await work;
    }

    private static Project CreateProject(string code, params (string Path, string Content)[] additionalFiles) =>
        TestProjectBuilder.Create(
            new[] { (TestProjectBuilder.SourcePath(0), code) },
            additionalFiles.Select(f => (TestProjectBuilder.ProjectDirectory + f.Path, f.Content)).ToArray(),
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);

    private static async Task AssertCompilesAsync(Project project)
    {
        var errors = await AnalyzerRunner.GetCompilerErrorsAsync(project);
        Assert.True(errors.IsEmpty, "The input does not compile: " + string.Join(Environment.NewLine, errors.Take(5)));
    }
}
