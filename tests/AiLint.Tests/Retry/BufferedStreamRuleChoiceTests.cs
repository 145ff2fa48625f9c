using Microsoft.CodeAnalysis.Testing;

namespace AiLint.Tests.Retry;

/// <summary>
/// Review 49 (WretchedWhispers AgentExecutor, repro BufferedAgentStreamInPipeline): a retried Agent Framework stream whose
/// updates are only buffered into collections held by locals shows nothing before the retry has finished, so it is a
/// generation retried (AIL0001), not a stream the user partly saw (AIL0002). Buffering through <c>?:</c> between two
/// local lists, or a local dictionary written by index, is still buffering. Writing to a field or parameter collection,
/// the console, a callback or a channel hands each update on: AIL0002 stays (a <c>yield return</c> in the loop was already
/// a stream and is left as it was).
/// </summary>
public class BufferedStreamRuleChoiceTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;
        using Polly;
        using Polly.Retry;

        """;

    private const string Pipeline = """
            static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>() })
                .Build();
        """;

    private static Task VerifyAsync(string source)
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Retry.RetryAnalyzer> { TestCode = Usings + source };
        return test.RunAsync();
    }

    /// <summary>The repro's three loops: a plain append (the control), an append through <c>?:</c>, a local dictionary.</summary>
    [Fact]
    public Task Updates_buffered_into_local_collections_are_a_generation_retry() => VerifyAsync(
        $$"""
        static class Turn
        {
        {{Pipeline}}

            public static async Task<string> Control(AIAgent agent, string playerMessage)
            {
                var texts = new List<string>();
                await Pipeline.ExecuteAsync(async token =>
                {
                    texts.Clear();
                    await foreach (var u in agent.{|AIL0001:RunStreamingAsync|}(playerMessage, cancellationToken: token))
                        texts.Add(u.Text);
                }, CancellationToken.None);
                return string.Concat(texts);
            }

            public static async Task<string> TernaryReceiver(AIAgent agent, string playerMessage, bool verbose)
            {
                var shown = new List<string>();
                var dropped = new List<string>();
                await Pipeline.ExecuteAsync(async token =>
                {
                    shown.Clear();
                    dropped.Clear();
                    await foreach (var u in agent.{|AIL0001:RunStreamingAsync|}(playerMessage, cancellationToken: token))
                        (verbose ? shown : dropped).Add(u.Text);
                }, CancellationToken.None);
                return string.Concat(shown);
            }

            public static async Task<string> DictionaryLocal(AIAgent agent, string playerMessage)
            {
                var texts = new List<string>();
                await Pipeline.ExecuteAsync(async token =>
                {
                    texts.Clear();
                    var callNames = new Dictionary<string, string>();
                    await foreach (var u in agent.{|AIL0001:RunStreamingAsync|}(playerMessage, cancellationToken: token))
                    {
                        foreach (var content in u.Contents)
                        {
                            if (content is FunctionCallContent call) callNames[call.CallId] = call.Name;
                            else if (content is TextContent text) texts.Add(text.Text);
                        }
                    }
                }, CancellationToken.None);
                return string.Concat(texts);
            }
        }
        """);

    /// <summary>
    /// The twins that hand each update on while the stream runs: one arm of the <c>?:</c> a field, a dictionary held in a
    /// field or passed in, the console, a callback, a channel: AIL0002.
    /// </summary>
    [Fact]
    public Task Updates_written_outside_the_method_stay_a_stream_retry() => VerifyAsync(
        $$"""
        sealed class Turn(Func<string, Task> send, Channel<string> channel)
        {
        {{Pipeline}}

            private readonly List<string> transcript = new();
            private readonly Dictionary<string, string> seenCalls = new();

            public async Task<string> FieldArm(AIAgent agent, string playerMessage, bool verbose)
            {
                var shown = new List<string>();
                await Pipeline.ExecuteAsync(async token =>
                {
                    await foreach (var u in agent.{|AIL0002:RunStreamingAsync|}(playerMessage, cancellationToken: token))
                        (verbose ? shown : transcript).Add(u.Text);
                }, CancellationToken.None);
                return string.Concat(shown);
            }

            public async Task FieldDictionary(AIAgent agent, string playerMessage)
            {
                await Pipeline.ExecuteAsync(async token =>
                {
                    await foreach (var u in agent.{|AIL0002:RunStreamingAsync|}(playerMessage, cancellationToken: token))
                    {
                        foreach (var content in u.Contents)
                        {
                            if (content is FunctionCallContent call) seenCalls[call.CallId] = call.Name;
                        }
                    }
                }, CancellationToken.None);
            }

            public async Task ParameterDictionary(AIAgent agent, string playerMessage, Dictionary<string, string> names)
            {
                await Pipeline.ExecuteAsync(async token =>
                {
                    await foreach (var u in agent.{|AIL0002:RunStreamingAsync|}(playerMessage, cancellationToken: token))
                    {
                        foreach (var content in u.Contents)
                        {
                            if (content is FunctionCallContent call) names[call.CallId] = call.Name;
                        }
                    }
                }, CancellationToken.None);
            }

            public async Task ConsoleAndDictionary(AIAgent agent, string playerMessage)
            {
                await Pipeline.ExecuteAsync(async token =>
                {
                    var callNames = new Dictionary<string, string>();
                    await foreach (var u in agent.{|AIL0002:RunStreamingAsync|}(playerMessage, cancellationToken: token))
                    {
                        foreach (var content in u.Contents)
                        {
                            if (content is FunctionCallContent call) callNames[call.CallId] = call.Name;
                        }

                        Console.Write(u.Text);
                    }
                }, CancellationToken.None);
            }

            public async Task CallbackAndChannel(AIAgent agent, string playerMessage)
            {
                await Pipeline.ExecuteAsync(async token =>
                {
                    var texts = new List<string>();
                    await foreach (var u in agent.{|AIL0002:RunStreamingAsync|}(playerMessage, cancellationToken: token))
                    {
                        (texts.Count > 0 ? texts : texts).Add(u.Text);
                        await send(u.Text);
                    }
                }, CancellationToken.None);
                await Pipeline.ExecuteAsync(async token =>
                {
                    await foreach (var u in agent.{|AIL0002:RunStreamingAsync|}(playerMessage, cancellationToken: token))
                        await channel.Writer.WriteAsync(u.Text, token);
                }, CancellationToken.None);
            }
        }
        """);
}
