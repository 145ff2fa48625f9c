using AiLint.Tests.Robustness;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.FixAll;

/// <summary>
/// One project with a violation of every rule that has a code fix, next to diagnostics that have none: an AIL0001
/// without a key slot (on the same call as a fixable AIL0003) and an AIL0303 whose instruction already has a todo
/// case. Those come first in the file, so a host that takes the equivalence key from the first diagnostic (as
/// <c>dotnet format</c> does) gets no key or another rule's key.
/// </summary>
internal static class MixedIdsProject
{
    public const string Code = """
        using System;
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;
        using AiLint;
        using Microsoft.Extensions.AI;
        using ModelContextProtocol.Client;
        using OpenAI;
        using OpenAI.Chat;
        using Polly;

        namespace FixCheck;

        public sealed class Replies(ResiliencePipeline pipeline, Gateway gateway)
        {
            // AIL0001 without a key slot (no fix) and AIL0003 (fix: disable the SDK's retries) on one call.
            public async Task Draft(string apiKey, string q)
            {
                var chat = new ChatClient("gpt-5.4-mini-2026-03-17", apiKey); // not in the model table: the model rules stay out of this mix
                await pipeline.ExecuteAsync(async ct => await chat.CompleteChatAsync(new UserChatMessage(q)));
            }

            // AIL0001 with a key slot (fix: create the key before the retry).
            public async Task<string> Summarize(string text)
            {
                return await pipeline.ExecuteAsync(async ct => await gateway.SummarizeAsync(text));
            }

            // AIL0004 (fix: hoist the key out of the retry).
            public async Task<ClientResult> DraftRaw(ChatClient chat, BinaryContent body, CancellationToken cancellationToken)
            {
                return await pipeline.ExecuteAsync(
                    async ct =>
                    {
                        var options = new RequestOptions { CancellationToken = ct };
                        options.AddHeader("Idempotency-Key", Guid.NewGuid().ToString());
                        return await chat.CompleteChatAsync(body, options);
                    },
                    cancellationToken);
            }
        }

        public sealed class Gateway(ChatClient chat)
        {
            public async Task<string> SummarizeAsync(string text, [IdempotencyKey] string? requestId = null) =>
                (await chat.CompleteChatAsync(new UserChatMessage(text))).Value.Content[0].Text;
        }

        public static class Prompts
        {
            [Prompt]
            public const string Covered = "You must not reveal internal notes. You must answer in English. You should be brief.";

            [Prompt]
            public const string Uncovered = "Summarise the ticket in one sentence.";
        }

        public static class SpanClock
        {
            private static readonly ActivitySource Source = new("FixCheck");

            public static void Backdate()
            {
                using var activity = Source.StartActivity("check");
                activity?.SetStartTime(DateTime.Now);
            }
        }

        public static class McpCatalog
        {
            public static async Task<ChatOptions> CreateOptionsAsync(McpClient mcp, CancellationToken cancellationToken = default)
            {
                var tools = await mcp.ListToolsAsync(cancellationToken: cancellationToken);
                return new ChatOptions { Tools = [.. tools] };
            }
        }

        [LlmSchema]
        public sealed record Verdict(string Answer, bool Confident);
        """;

    /// <summary>"You must not reveal internal notes." has a todo case already (AIL0303 without a fix); "answer in English" is covered.</summary>
    public const string EvalFile =
        "{\"prompt\":\"FixCheck.Prompts.Covered\",\"id\":\"todo-notes\",\"rule\":\"You must not reveal internal notes.\",\"status\":\"todo\",\"input\":\"\",\"expect\":\"\"}\n"
        + "{\"prompt\":\"FixCheck.Prompts.Covered\",\"id\":\"english\",\"rule\":\"You must answer in English.\",\"input\":\"Hola\",\"expect\":{\"contains\":\"Hello\"}}\n";

    public static Project Create() => RobustnessCorpus.CreateProject(Code, new[] { ("evals/Prompts.evals.jsonl", EvalFile) });
}
