using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A system message assembled from a current-time line, a persona and few-shot examples whose holes are JSON field-name
/// constants (the shape of a real Dataverse query helper, review22 F1/D3). The field name instructs nothing and is never
/// the prompt; the persona under a line that only carries data is the prompt's opening. The twins pin the other side:
/// a real instruction constant combined with data stays reported, and "you are" in prose does not make a persona.
/// </summary>
public class TimestampHeaderPromptTests
{
    // ---------------------------------------------------------------- F1: a field-name constant is not the prompt

    // Review22 F1, the repro as found: AIL0301 named `FieldNames.NotBeforeUtc` ("not_before_utc") as the prompt. The
    // assembled text is the prompt (its persona opens the line after the timestamp), named after the method.
    [Fact]
    public Task The_assembled_message_is_the_prompt_not_the_field_name_constant_in_it() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Repro;
            public sealed class QueryWriter(IChatClient chat)
            {
                public async Task<string> WriteQueryAsync(string plainEnglishQuery)
                {
                    DateTimeOffset now = DateTimeOffset.UtcNow;

                    string systemMessage =
                        {|#0:$"[TIMESTAMP UTC: {now:yyyy-MM-ddTHH:mmzzz}]\n" +
                        "You are an assistant that can query Dataverse, given plaintext user queries.\n" +
                        "EXAMPLE:\n" +
                        $"expected {FieldNames.SearchQuery}: 'Atlanta'\n" +
                        $"expected {FieldNames.NotBeforeUtc}: '{now:yyyy-MM-ddTHH:mmzzz}'"|};

                    var response = await chat.GetResponseAsync([
                        new ChatMessage(ChatRole.System, systemMessage),
                        new ChatMessage(ChatRole.User, plainEnglishQuery)]);
                    return response.Text;
                }

                private static class FieldNames
                {
                    public const string SearchQuery = "relevancy_search_query";
                    public const string NotBeforeUtc = "not_before_utc";
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.QueryWriter.WriteQueryAsync"));

    // Without a persona or a keyword sentence the assembled text is not a prompt by the single-turn test; the field
    // and key names read into it (snake case, camel case, a dotted path, a header name) are not prompts either.
    [Fact]
    public Task Field_and_key_name_constants_among_data_are_never_the_prompt() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Queries;
            public static class Keys
            {
                public const string NotBeforeUtc = "not_before_utc";
                public const string UserId = "userId";
                public const string Profile = "user.profile";
                public const string ApiKeyHeader = "x-api-key";
            }
            public static class Messages
            {
                public static ChatMessage Timestamped(DateTimeOffset now) =>
                    new ChatMessage(ChatRole.System,
                        $"[TIMESTAMP UTC: {now:yyyy-MM-dd}]\n" +
                        "Convert plaintext user queries into Dataverse filters.\n" +
                        $"expected {Keys.NotBeforeUtc}: '{now:yyyy-MM-dd}'");

                public static ChatMessage KeyAndValue(string userId) =>
                    new ChatMessage(ChatRole.System, Keys.UserId + ": " + userId);

                public static ChatMessage DottedKey(string profile) =>
                    new ChatMessage(ChatRole.System, $"{Keys.Profile} = {profile}");

                public static ChatMessage HeaderName(string value) =>
                    new ChatMessage(ChatRole.System, Keys.ApiKeyHeader + "\n" + value);
            }
            """);

    // The reported twins: an instruction constant combined with data is the prompt under its own name, whether it
    // passes the single-turn test (a keyword sentence) or only the template test (an imperative).
    [Fact]
    public Task An_instruction_constant_combined_with_a_timestamp_is_still_the_prompt() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Queries;
            public static class Prompts
            {
                public const string {|#0:Rules|} = "Convert plaintext user queries into Dataverse filters. Never invent field names.";
                public const string {|#1:Convert|} = "Convert plaintext user queries into Dataverse filters.";
            }
            public static class Messages
            {
                public static ChatMessage WithRules(DateTimeOffset now) =>
                    new ChatMessage(ChatRole.System, $"[TIMESTAMP UTC: {now:yyyy-MM-dd}]\n" + Prompts.Rules);

                public static ChatMessage WithImperative(string context) =>
                    new ChatMessage(ChatRole.System, Prompts.Convert + "\n\nContext: " + context);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Queries.Prompts.Rules"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Queries.Prompts.Convert"));

    // Text that does not instruct by the template test is still the prompt when the member is named for
    // instructions (as a holder named SystemPrompt holds them); the same text under another name next to data is a
    // message shown with the data, not the prompt.
    [Fact]
    public Task A_member_named_for_instructions_is_the_prompt_and_a_greeting_is_not() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Travel;
            public static class Texts
            {
                public const string {|#0:SystemPrompt|} = "Help the user plan their trip.";
                public static readonly string {|#1:PlannerInstructions|} = "Help the user plan their trip.";
                public const string Greeting = "Help is on the way.";
                public const string Banner = "Travel desk, open 24/7.";
            }
            public static class Messages
            {
                public static ChatMessage Named(string context) => new ChatMessage(ChatRole.System, Texts.SystemPrompt + "\n\n" + context);
                public static ChatMessage ReadOnly(string context) => new ChatMessage(ChatRole.System, $"{Texts.PlannerInstructions}\nContext: {context}");
                public static ChatMessage Greeted(string name) => new ChatMessage(ChatRole.System, Texts.Greeting + " " + name);
                public static ChatMessage Bannered(string offers) => new ChatMessage(ChatRole.System, Texts.Banner + "\n" + offers);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Travel.Texts.SystemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Travel.Texts.PlannerInstructions"));

    // The id the diagnostic names is the one an eval case covers: the containing method, not the field name.
    [Fact]
    public Task An_eval_case_for_the_assembled_prompt_covers_it() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Repro;
            public static class QueryWriter
            {
                private const string NotBeforeUtc = "not_before_utc";
                public static ChatMessage Build(DateTimeOffset now) =>
                    new ChatMessage(ChatRole.System,
                        $"[TIMESTAMP UTC: {now:yyyy-MM-dd}]\n" +
                        "You are an assistant that can query Dataverse, given plaintext user queries.\n" +
                        $"expected {NotBeforeUtc}: '{now:yyyy-MM-dd}'");
            }
            """,
            ("evals/QueryWriter.evals.jsonl", Case("Repro.QueryWriter.Build")));

    // ---------------------------------------------------------------- D3: a persona under a data-only line

    // Review22 D3: the timestamp line first and the persona second is the same prompt as the swapped order.
    [Fact]
    public Task A_persona_after_a_timestamp_line_is_a_prompt_like_the_swapped_order() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Repro;
            public sealed class QueryWriter(IChatClient chat)
            {
                public Task<ChatResponse> WithTimestampFirstAsync(string question)
                {
                    DateTimeOffset now = DateTimeOffset.UtcNow;
                    return chat.GetResponseAsync([
                        new ChatMessage(ChatRole.System,
                            {|#0:$"[TIMESTAMP UTC: {now:yyyy-MM-dd}]\nYou are an assistant that can query Dataverse, given plaintext user queries."|}),
                        new ChatMessage(ChatRole.User, question)]);
                }

                public Task<ChatResponse> WithPersonaFirstAsync(string question)
                {
                    DateTimeOffset now = DateTimeOffset.UtcNow;
                    return chat.GetResponseAsync([
                        new ChatMessage(ChatRole.System,
                            {|#1:$"You are an assistant that can query Dataverse, given plaintext user queries.\n[TIMESTAMP UTC: {now:yyyy-MM-dd}]"|}),
                        new ChatMessage(ChatRole.User, question)]);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro.QueryWriter.WithTimestampFirstAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Repro.QueryWriter.WithPersonaFirstAsync"));

    // Other data-only lines above the persona: a label with the time, a hole alone, a label with a date value, a
    // heading; assembled with `+` and as a single-turn request.
    [Fact]
    public Task A_persona_after_labels_holes_and_headings_is_a_prompt() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Bots;
            public sealed class Assistant(IChatClient chat)
            {
                public ChatMessage Labelled() =>
                    new ChatMessage(ChatRole.System, {|#0:"Current date and time: " + DateTime.UtcNow + "\n" + "You are a scheduling assistant."|});

                public ChatMessage HoleAlone(string header) =>
                    new ChatMessage(ChatRole.System, {|#1:$"{header}\nYou're a travel agent for {header}."|});

                public Task<ChatResponse> SingleTurn(DateTime today) =>
                    chat.GetResponseAsync({|#2:$"Today's date: {today:yyyy-MM-dd}.\n## Role\nYou are a calendar assistant."|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Bots.Assistant.Labelled"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Bots.Assistant.HoleAlone"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Bots.Assistant.SingleTurn"));

    // "You are" inside prose, or opening a line that follows prose, is not a persona: a notice or a quoted reply is
    // data however it is phrased, and a statement of data ("Today is ...") is not a data-only line.
    [Fact]
    public Task You_are_mid_sentence_or_after_prose_is_not_a_persona() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Bots;
            public sealed class Notices(IChatClient chat)
            {
                public ChatMessage MidSentence(string name) =>
                    new ChatMessage(ChatRole.System, "Account notice: " + name + " says you are late.\n" + name);

                public ChatMessage AfterProse(DateTime now, string plan) =>
                    new ChatMessage(ChatRole.System, $"Thanks for upgrading on {now:D}.\nYou are now on the {plan} plan.");

                public Task<ChatResponse> Forwarded(string customer) =>
                    chat.GetResponseAsync($"[{customer}] wrote: I think you are wrong about {customer}.");
            }
            """);

    // Half-typed versions of the shapes above: no crash, and nothing is reported on the field name.
    [Fact]
    public async Task Half_typed_timestamp_headers_and_field_names_do_not_crash()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System;
                using Microsoft.Extensions.AI;
                namespace Repro;
                public static class QueryWriter
                {
                    private const string NotBeforeUtc = "not_before_utc";
                    public static ChatMessage A(DateTimeOffset now) => new ChatMessage(ChatRole.System, $"[TIMESTAMP UTC: {now:yyyy-MM-dd}]\n" + $"expected {NotBeforeUtc}: '{now:yyyy-MM-dd}'" + );
                    public static ChatMessage B(DateTimeOffset now) => new ChatMessage(ChatRole.System, $"[TIMESTAMP UTC: {now}]\nYou are an assistant." + * "Never guess.");
                    public static ChatMessage C(DateTimeOffset now) => new ChatMessage(ChatRole.System, $"expected {NotBeforeUtc}: '{now:}'");
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
