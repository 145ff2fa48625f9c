using System.Text;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Robustness;

/// <summary>
/// Valid C# built to make a value tracer recurse without end or very deep: self-referential and mutually recursive
/// properties and methods, a local assigned from itself in a loop, cyclic field initialisers, nested <c>?.</c> chains,
/// 200 nested ternaries, a 3,000-term <c>+</c>, deeply nested lambdas, <c>?.</c> inside <c>?.</c> inside a switch
/// expression. A stack overflow is not an exception the analyzer driver can catch: it kills the compiler and fails
/// the user's build (review30: AIL0101's tracer on <c>JsonNode.Parse(json)?["name"]?.ToString()</c>). Each shape sits
/// in every slot the LLM rules trace: the bound of a retry loop around an SDK call, a system prompt, SetStartTime's
/// argument, <c>ChatOptions.Tools</c>, a model id. Every analyzer must finish without AD0001; the same shape made
/// shallow or non-cyclic must be reported in every slot, so the hostile input is known to reach the tracers.
/// </summary>
public class UnboundedRecursionTests
{
    /// <summary>A value slot: its type, a value that the slot's rule reports, and how to make that type from a string.</summary>
    public sealed record Slot(string Name, string Type, string Seed, Func<string, string> FromString)
    {
        /// <summary>The seed for static members, which cannot see the request; the same as <see cref="Seed"/> but for the client-time slot.</summary>
        public string MemberSeed { get; init; } = Seed;
    }

    /// <summary>The code a shape adds: members of the controller, statements before the call, and the slot's expression.</summary>
    public sealed record Piece(string Members, string Statements, string Expression);

    private static readonly Slot Prompt = new("Prompt", "string", "\"You are a helpful assistant. Answer briefly.\"", s => s);
    private static readonly Slot Model = new("Model", "string", "\"gpt-4o\"", s => s);
    private static readonly Slot Time = new("Time", "DateTime", "DateTime.Now", s => $"DateTime.Parse({s})");
    private static readonly Slot Tools = new("Tools", "IList<AITool>", "AllTools", s => $"new List<AITool> {{ AIFunctionFactory.Create(() => 0, {s}) }}");
    private static readonly Slot Attempts = new("Attempts", "int", "3", s => $"int.Parse({s})");

    /// <summary>AIL0101's slot: a time the request body supplies, through a helper given the body (as review30's controller did).</summary>
    private static readonly Slot ClientTime = new("ClientTime", "DateTimeOffset", "DateTimeOffset.Parse(json)", s => $"DateTimeOffset.Parse({s})")
    {
        MemberSeed = "DateTimeOffset.UtcNow",
    };

    private static readonly Slot[] Slots = { Prompt, Model, Time, Tools, Attempts, ClientTime };

    /// <summary>Each shape, hostile (cyclic or deep) or tame (the same construct, finite and shallow).</summary>
    private static readonly Dictionary<string, Func<Slot, bool, Piece>> Shapes = new()
    {
        ["self-referential property"] = (s, hostile) => new(
            $"static {s.Type} P{s.Name} => {(hostile ? $"P{s.Name}" : s.MemberSeed)};", "", $"P{s.Name}"),
        ["mutually recursive properties"] = (s, hostile) => new(
            $"static {s.Type} A{s.Name} => B{s.Name}; static {s.Type} B{s.Name} => {(hostile ? $"A{s.Name}" : s.MemberSeed)};", "", $"A{s.Name}"),
        ["recursive helper method"] = (s, hostile) => new(
            $"static {s.Type} H{s.Name}(int n) => n <= 0 ? {s.MemberSeed} : {(hostile ? $"H{s.Name}(n - 1)" : s.MemberSeed)};", "", $"H{s.Name}(N)"),
        ["mutually recursive methods"] = (s, hostile) => new(
            $"static {s.Type} F{s.Name}(int n) => n > 0 ? G{s.Name}(n - 1) : {s.MemberSeed};"
            + $" static {s.Type} G{s.Name}(int n) {{ if (n > 100) {{ return {s.MemberSeed}; }} return {(hostile ? $"F{s.Name}(n)" : s.MemberSeed)}; }}",
            "", $"F{s.Name}(N)"),
        ["local assigned from itself in a loop"] = (s, hostile) => new(
            $"static T Same{s.Name}<T>(T value) => value;",
            $"var x{s.Name} = {s.Seed}; for (var i = 0; i < N; i++) {{ x{s.Name} = {(hostile ? $"i > N ? Same{s.Name}(x{s.Name}) : x{s.Name}" : s.Seed)}; }}",
            $"x{s.Name}"),
        ["cyclic field initialisers"] = (s, hostile) => new(
            $"static readonly {s.Type} C1{s.Name} = C2{s.Name}; static readonly {s.Type} C2{s.Name} = {(hostile ? $"C1{s.Name}" : s.MemberSeed)};",
            "", $"C1{s.Name}"),
        ["nested ?. chain of depth 6"] = (s, hostile) => new(
            $"sealed class Box{s.Name} {{ public Box{s.Name}? Inner; public {s.Type}? Value; }}",
            "",
            $"(JsonSerializer.Deserialize<Box{s.Name}>(json){string.Concat(Enumerable.Repeat("?.Inner", hostile ? 6 : 1))}?.Value ?? {s.Seed})"),
        ["nested ?. over JsonNode"] = (s, hostile) => new(
            "",
            "",
            $"(JsonNode.Parse(json){string.Concat(Enumerable.Range(0, hostile ? 6 : 1).Select(i => $"?[\"k{i}\"]"))}?.ToString() is {{ }} j{s.Name} ? {s.FromString($"j{s.Name}")} : {s.Seed})"),
        ["200 nested ternaries"] = (s, hostile) => new(
            "",
            "",
            "(" + string.Concat(Enumerable.Range(0, hostile ? 200 : 2).Select(i => $"N == {i} ? {s.Seed} : ")) + s.Seed + ")"),
        ["concatenation of 3,000 strings"] = (s, hostile) => new(
            "",
            "",
            // Every other term is the request body, so the sum is not folded to one constant the tracers stop at.
            s.Type == "string"
                ? "(" + string.Concat(Enumerable.Range(0, hostile ? 3000 : 2).Select(i => i % 2 == 0 ? $"\"{(char)('a' + (i % 26))}\" + " : "json + ")) + s.Seed + ")"
                : $"(N > 0 ? {s.FromString(string.Join(" + ", Enumerable.Range(0, hostile ? 3000 : 2).Select(i => i % 2 == 0 ? $"\"{i % 10}\"" : "json")))} : {s.Seed})"),
        ["deeply nested lambdas"] = (s, hostile) => new(
            "",
            "",
            Nest(hostile ? 60 : 1, $"((Func<{s.Type}>)(() => ", s.Seed, "))()")),
        ["?. inside ?. inside a switch expression"] = (s, hostile) => new(
            $"sealed class Node{s.Name} {{ public Node{s.Name}? Next; public {s.Type}? Value; }}",
            "",
            hostile
                ? $"(N switch {{ 0 => JsonSerializer.Deserialize<Node{s.Name}>(json)?.Next?.Value ?? (JsonSerializer.Deserialize<Node{s.Name}>(json)?.Next switch {{ {{ }} n => n?.Next?.Next?.Value ?? {s.Seed}, _ => {s.Seed} }}), 1 => JsonSerializer.Deserialize<Node{s.Name}>(json)?.Next?.Next?.Value ?? {s.Seed}, _ => {s.Seed} }})"
                : $"(N switch {{ 0 => JsonSerializer.Deserialize<Node{s.Name}>(json)?.Value ?? {s.Seed}, _ => {s.Seed} }})"),
    };

    public static TheoryData<string> ShapeNames => new(Shapes.Keys);

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public async Task Hostile_shape_in_every_slot_finishes_without_an_analyzer_crash(string shape)
    {
        var project = CreateProject(Controller(shape, hostile: true));
        await AssertCompilesAsync(project);

        var crash = await ComponentRunner.AnalyzerCrashAsync(project);
        Assert.True(crash is null, crash);
    }

    /// <summary>
    /// The rules whose tracers the tame twin of each shape reaches (AIL0001: the retry loop; AIL0101: the request body in
    /// ClientSentAt; AIL0102: DateTime.Now at SetStartTime; AIL0201: 21 tools; AIL0301: a prompt with no eval file;
    /// AIL0501: "gpt-4o"). A slot missing from a row is one its tracer does not follow that construct into, by design
    /// or not yet (two property hops, a reassigned local, a lambda invoked in place): the hostile shape cannot hurt it.
    /// </summary>
    private static readonly Dictionary<string, string[]> Reached = new()
    {
        ["self-referential property"] = ["AIL0001", "AIL0102", "AIL0201", "AIL0301", "AIL0501"],
        ["mutually recursive properties"] = ["AIL0001", "AIL0102", "AIL0201", "AIL0301"],
        ["recursive helper method"] = ["AIL0001", "AIL0102", "AIL0301", "AIL0501"],
        ["mutually recursive methods"] = ["AIL0001", "AIL0102", "AIL0301", "AIL0501"],
        ["local assigned from itself in a loop"] = ["AIL0001", "AIL0101", "AIL0102", "AIL0201"],
        ["cyclic field initialisers"] = ["AIL0001", "AIL0102", "AIL0201", "AIL0301"],
        ["nested ?. chain of depth 6"] = ["AIL0001", "AIL0101", "AIL0301", "AIL0501"],
        ["nested ?. over JsonNode"] = ["AIL0101", "AIL0301", "AIL0501"],
        ["200 nested ternaries"] = ["AIL0001", "AIL0101", "AIL0201", "AIL0301", "AIL0501"],
        ["concatenation of 3,000 strings"] = ["AIL0001", "AIL0101"],
        ["deeply nested lambdas"] = ["AIL0001"],
        ["?. inside ?. inside a switch expression"] = ["AIL0001", "AIL0101", "AIL0301", "AIL0501"],
    };

    [Theory]
    [MemberData(nameof(ShapeNames))]
    public async Task Tame_twin_of_the_shape_reaches_the_slot_tracers(string shape)
    {
        // Guards the test above: the same construct, finite and shallow, is followed by the tracers behind the slots.
        var project = CreateProject(Controller(shape, hostile: false));
        await AssertCompilesAsync(project);

        var ids = (await AnalyzerRunner.GetDiagnosticsAsync(project, AiLintComponents.CreateAnalyzers()))
            .Where(d => d.Id.StartsWith("AIL", StringComparison.Ordinal))
            .Select(d => d.Id)
            .ToHashSet();
        Assert.Superset(Reached[shape].ToHashSet(), ids);
    }

    private static string Controller(string shape, bool hostile)
    {
        var pieces = Slots.ToDictionary(s => s, s => Shapes[shape](s, hostile));
        var members = string.Join(Environment.NewLine + "    ", pieces.Values.Select(p => p.Members).Where(m => m.Length > 0));
        var statements = string.Join(Environment.NewLine + "        ", pieces.Where(p => p.Key != ClientTime).Select(p => p.Value.Statements).Where(m => m.Length > 0));
        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Diagnostics;
            using System.Net.Http;
            using System.Text.Json;
            using System.Text.Json.Nodes;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.AI;

            namespace Hostile;

            [ApiController]
            [Route("chat")]
            public sealed class ChatController(IChatClient client) : ControllerBase
            {
                static int N = 3;
                static readonly ActivitySource Source = new("Hostile");
                static readonly List<AITool> AllTools = {{ToolCatalog(21)}};
                {{members}}

                [HttpPost]
                public async Task<string> PostAsync([FromBody] string json)
                {
                    {{statements}}
                    using var activity = Source.StartActivity("chat");
                    activity?.SetStartTime({{pieces[Time].Expression}});
                    activity?.SetEndTime(ClientSentAt(json).UtcDateTime);
                    for (var attempt = 0; attempt < {{pieces[Attempts].Expression}}; attempt++)
                    {
                        try
                        {
                            var response = await client.GetResponseAsync(
                                [new ChatMessage(ChatRole.System, {{pieces[Prompt].Expression}}), new ChatMessage(ChatRole.User, json)],
                                new ChatOptions { ModelId = {{pieces[Model].Expression}}, Tools = {{pieces[Tools].Expression}} });
                            return response.Text;
                        }
                        catch (HttpRequestException)
                        {
                        }
                    }

                    return "";
                }

                private static DateTimeOffset ClientSentAt(string json)
                {
                    {{pieces[ClientTime].Statements}}
                    return {{pieces[ClientTime].Expression}};
                }
            }
            """;
    }

    private static string ToolCatalog(int count) =>
        "[" + string.Join(", ", Enumerable.Range(0, count).Select(i => $"AIFunctionFactory.Create(() => {i}, \"tool{i}\")")) + "]";

    private static string Nest(int depth, string open, string inner, string close)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append(open);
        }

        text.Append(inner);
        for (var i = 0; i < depth; i++)
        {
            text.Append(close);
        }

        return text.ToString();
    }

    private static Project CreateProject(string code) =>
        TestProjectBuilder.Create(
            new[] { (TestProjectBuilder.SourcePath(0), code) },
            Array.Empty<(string, string)>(),
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
