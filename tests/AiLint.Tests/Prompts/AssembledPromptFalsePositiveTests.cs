using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Text LLM apps assemble at run time for a system or instruction slot that is NOT a prompt the team wrote: retrieved
/// documents, a user profile, a schema, a tool list, a date line, a conversation summary, prompts loaded from files or
/// configuration, user-facing messages and few-shot turns. AIL0301 is an error, so each of these must stay silent.
/// The shapes are the ones public RAG, agent and chat samples write next to their real prompts.
/// </summary>
public class AssembledPromptFalsePositiveTests
{
    // ---------------------------------------------------------------- data joined or appended

    [Fact]
    public Task Retrieved_documents_joined_into_a_system_message_are_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.Extensions.AI;
            namespace Rag;
            public sealed record Doc(string Title, string Text);
            public static class Context
            {
                public static ChatMessage Joined(IEnumerable<Doc> docs) =>
                    new ChatMessage(ChatRole.System, string.Join("\n", docs.Select(d => d.Text)));

                public static ChatMessage WithHeader(IEnumerable<Doc> docs) =>
                    new ChatMessage(ChatRole.System, "Relevant documents:\n" + string.Join("\n\n", docs.Select(d => $"# {d.Title}\n{d.Text}")));

                public static ChatMessage Concat(Doc doc) =>
                    new ChatMessage(ChatRole.System, string.Concat("Source: ", doc.Title, "\n", doc.Text));

                public static ChatMessage Array(Doc[] docs) =>
                    new ChatMessage(ChatRole.System, string.Join("\n---\n", new[] { "### CONTEXT", docs[0].Text, docs[1].Text }));
            }
            """);

    [Fact]
    public Task A_user_profile_rendered_with_labels_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Profiles;
            public sealed record User(string Name, string Plan, string Locale, List<string> Interests);
            public static class Render
            {
                public static ChatMessage Profile(User user)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine("## User profile");
                    sb.AppendLine($"Name: {user.Name}");
                    sb.AppendLine($"Plan: {user.Plan}");
                    sb.AppendLine($"Locale: {user.Locale}");
                    sb.AppendLine("Interests:");
                    foreach (var interest in user.Interests)
                    {
                        sb.AppendLine($"- {interest}");
                    }

                    return new ChatMessage(ChatRole.System, sb.ToString());
                }

                public static ChatMessage Lines(User user) =>
                    new ChatMessage(ChatRole.System, string.Join(System.Environment.NewLine, new List<string> { $"Name: {user.Name}", $"Plan: {user.Plan}" }));
            }
            """);

    [Fact]
    public Task A_header_constant_over_data_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Profiles;
            public static class Render
            {
                private const string ProfileHeader = "## User profile";
                private const string ContextHeader = "### Retrieved context";
                private const string Rule = "----------";
                public static ChatMessage Profile(string name, string plan)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine(ProfileHeader);
                    sb.AppendLine($"Name: {name}");
                    sb.AppendLine($"Plan: {plan}");
                    return new ChatMessage(ChatRole.System, sb.ToString());
                }

                public static ChatMessage Context(string context) => new ChatMessage(ChatRole.System, ContextHeader + "\n" + context);

                public static ChatMessage Ruled(string context) => new ChatMessage(ChatRole.System, Rule + "\n" + context + "\n" + "");

                private static readonly string DocumentTag = "<document>";
                private static readonly string MemoriesLabel = "Things you remember about this user:";
                public static ChatMessage Tagged(string document) => new ChatMessage(ChatRole.System, $"{DocumentTag}\n{document}\n</document>");
                public static ChatMessage Remembered(string memories) => new ChatMessage(ChatRole.System, MemoriesLabel + "\n" + memories);
            }
            """);

    // The narrowing above is for one-line headings, labels and rules only: an instruction that ends with ':', a
    // heading over more lines of instructions, and a header used alone as the whole system message stay prompts.
    [Fact]
    public Task Instructions_ending_with_a_colon_or_under_a_heading_over_data_stay_prompts() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Rag;
            public static class Context
            {
                private const string {|#0:Grounding|} = "Answer only from these documents:";
                private const string {|#1:Support|} = "# Support bot\nSummarize the ticket in two lines.";
                private const string {|#2:Heading|} = "## Reply in French";
                public static ChatMessage Grounded(string docs) => new ChatMessage(ChatRole.System, Grounding + "\n" + docs);
                public static ChatMessage Ticket(string ticket) => new ChatMessage(ChatRole.System, Support + "\n\n" + ticket);
                public static ChatMessage Alone() => new ChatMessage(ChatRole.System, Heading);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Rag.Context.Grounding"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Rag.Context.Support"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Rag.Context.Heading"));

    [Fact]
    public Task A_serialized_schema_or_object_in_a_system_message_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Text;
            using System.Text.Json;
            using Microsoft.Extensions.AI;
            namespace Schemas;
            public sealed class Order { public string Id { get; set; } = ""; public decimal Total { get; set; } }
            public static class Messages
            {
                public static ChatMessage Schema(JsonElement schema) =>
                    new ChatMessage(ChatRole.System, "JSON schema:\n" + JsonSerializer.Serialize(schema));

                public static ChatMessage Serialized(Order order) =>
                    new ChatMessage(ChatRole.System, new StringBuilder().AppendLine("Order:").AppendLine(JsonSerializer.Serialize(order)).ToString());

                public static ChatMessage Shown(Order order) => new ChatMessage(ChatRole.System, order.ToString()!);

                public static ChatMessage Built(StringBuilder context) => new ChatMessage(ChatRole.System, context.ToString());
            }
            """);

    [Fact]
    public Task A_tool_list_rendered_as_text_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Tools;
            public static class Catalog
            {
                public static ChatMessage List(IList<AITool> tools)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine("Available tools:");
                    foreach (var tool in tools)
                    {
                        sb.AppendLine($"- {tool.Name}: {tool.Description}");
                    }

                    return new ChatMessage(ChatRole.System, sb.ToString());
                }

                public static ChatOptions Options(IList<AITool> tools) => new ChatOptions
                {
                    Instructions = "Tools: " + string.Join(", ", tools.Select(t => t.Name)),
                };
            }
            """);

    [Fact]
    public Task A_date_line_assembled_from_the_clock_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System;
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Clock;
            public static class Now
            {
                public static ChatMessage Concatenated() => new ChatMessage(ChatRole.System, "Today is " + DateTime.UtcNow.ToString("D") + ".");

                public static ChatMessage Joined() => new ChatMessage(ChatRole.System, string.Concat("Current time (UTC): ", DateTime.UtcNow.ToString("O")));

                public static ChatMessage Built(string timeZone)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine($"Today is {DateTime.UtcNow:D}.");
                    sb.AppendLine($"Time zone: {timeZone}");
                    return new ChatMessage(ChatRole.System, sb.ToString());
                }

                public static ChatMessage Returned() => new ChatMessage(ChatRole.System, DateLine());

                private static string DateLine() => $"Today is {DateTime.UtcNow:D}.";
            }
            """);

    [Fact]
    public Task A_summary_of_earlier_turns_assembled_or_returned_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Memory;
            public static class Summaries
            {
                public static ChatMessage Concatenated(string summary) =>
                    new ChatMessage(ChatRole.System, "Summary of the conversation so far: " + summary);

                public static ChatMessage Joined(string summary) =>
                    new ChatMessage(ChatRole.System, string.Join("\n", "Summary of the conversation so far:", summary));

                public static ChatMessage Returned(string summary) => new ChatMessage(ChatRole.System, SummaryLine(summary));

                private static string SummaryLine(string summary) => $"Summary of the conversation so far: {summary}";

                public static void Sk(ChatHistory history, string summary) => history.AddSystemMessage("Earlier in this conversation: " + summary);
            }
            """);

    // The rule page: text with data in it is a prompt only when its constant parts instruct (a persona or a keyword
    // sentence). "Answer in {language}." has neither, so assembled or returned it is data for the model, not a prompt.
    [Fact]
    public Task A_language_line_assembled_or_returned_is_not_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Locale;
            public static class Lines
            {
                public static ChatMessage Concatenated(string language) => new ChatMessage(ChatRole.System, "Answer in " + language + ".");

                public static ChatMessage Returned(string language) => new ChatMessage(ChatRole.System, LanguageLine(language));

                private static string LanguageLine(string language) => $"Answer in {language}.";
            }
            """);

    // A template written at the slot is a prompt (the rule page), unless each of its lines only titles data.
    [Fact]
    public Task A_template_that_only_titles_its_data_is_not_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Memory;
            public sealed record User(string Name, string Plan);
            public static class Messages
            {
                public static ChatMessage Summary(string summary) => new ChatMessage(ChatRole.System, $"Summary of the conversation so far: {summary}");
                public static ChatMessage Profile(User user) => new ChatMessage(ChatRole.System, $"Name: {user.Name}\nPlan: {user.Plan}");
                public static ChatMessage Document(string doc) => new ChatMessage(ChatRole.System, $"<document>\n{doc}\n</document>");
                public static ChatMessage Heading(string context) => new ChatMessage(ChatRole.System, $"### CONTEXT\n{context}\n");
                public static AIContext Recall(string memories) => new AIContext { Instructions = $"Memories:\n{memories}" };
                public static void Sk(ChatHistory history, string summary) => history.AddSystemMessage($"Earlier turns: {summary}");
            }
            """);

    // string.Format and Replace templates follow the same line: a format of labels fills in data.
    [Fact]
    public Task A_format_that_only_titles_its_data_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System;
            using System.Globalization;
            using Microsoft.Extensions.AI;
            namespace Formats;
            public static class Messages
            {
                private const string FieldFormat = "{0}: {1}";
                public static ChatMessage Field(string label, string value) => new ChatMessage(ChatRole.System, string.Format(CultureInfo.InvariantCulture, "{0}: {1}", label, value));
                public static ChatMessage Named(string label, string value) => new ChatMessage(ChatRole.System, string.Format(FieldFormat, label, value));
                public static ChatMessage Date() => new ChatMessage(ChatRole.System, string.Format("Current date: {0:D}", DateTime.UtcNow));
                public static ChatMessage Replaced(string context) => new ChatMessage(ChatRole.System, "### Context\n{{context}}".Replace("{{context}}", context));
                public static ChatMessage Cleaned(string text) => new ChatMessage(ChatRole.System, text.Replace("\r\n", "\n"));
                public static ChatMessage Instructed(string context) => new ChatMessage(ChatRole.System, string.Format({|#0:"Use only this context:\n{0}"|}, context));
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Formats.Messages.Instructed"));

    // Sentences around a hole stay prompts, as the rule page says of templates at the slot: "Answer in {language}." is
    // the team's instruction with the language as data.
    [Fact]
    public Task A_template_with_a_sentence_around_its_data_stays_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Memory;
            public static class Messages
            {
                public static ChatMessage Language(string language) => new ChatMessage(ChatRole.System, {|#0:$"Answer in {language}."|});
                public static ChatMessage Grounded(string context) =>
                    new ChatMessage(ChatRole.System, {|#1:$"Context:\n{context}\n\nAnswer from the context above."|});
                public static ChatMessage Tagged(string language) =>
                    new ChatMessage(ChatRole.System, {|#2:$"<instructions>Reply in {language}.</instructions>"|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Memory.Messages.Tagged"),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Memory.Messages.Language"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Memory.Messages.Grounded"));

    // ---------------------------------------------------------------- prompts loaded, not written

    [Fact]
    public Task Prompts_returned_from_files_configuration_resources_and_stores_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.IO;
            using System.Reflection;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            namespace Loading;
            public interface IPromptStore { string Get(string name); }
            public sealed class Prompts(IConfiguration config, IPromptStore store)
            {
                private readonly Dictionary<string, string> cache = new();
                private string? loaded;

                public ChatMessage FromFile() => new ChatMessage(ChatRole.System, ReadFile("system"));
                public ChatMessage FromConfig() => new ChatMessage(ChatRole.System, FromSettings());
                public ChatMessage FromResource() => new ChatMessage(ChatRole.System, FromAssembly());
                public ChatMessage FromStore() => new ChatMessage(ChatRole.System, Stored("support"));
                public ChatMessage FromCache() => new ChatMessage(ChatRole.System, Cached());
                public async Task<ChatMessage> FromAsync() => new ChatMessage(ChatRole.System, await ReadAsync());

                private static string ReadFile(string name)
                {
                    var path = Path.Combine("Prompts", name + ".txt");
                    if (!File.Exists(path))
                    {
                        return string.Empty;
                    }

                    return File.ReadAllText(path);
                }

                private string FromSettings() => config["Prompts:System"] ?? "";

                private static string FromAssembly()
                {
                    using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Loading.system.txt")!;
                    using var reader = new StreamReader(stream);
                    return reader.ReadToEnd();
                }

                private string Stored(string name)
                {
                    if (cache.TryGetValue(name, out var text))
                    {
                        return text;
                    }

                    text = store.Get(name);
                    cache[name] = text;
                    return text;
                }

                private string Cached()
                {
                    if (loaded != null)
                    {
                        return loaded;
                    }

                    loaded = File.ReadAllText("system.txt");
                    return loaded;
                }

                private static Task<string> ReadAsync() => File.ReadAllTextAsync("system.txt");
            }
            """);

    // A RAG or memory formatter returns a stand-in when there is no data; the stand-in is not a prompt.
    [Fact]
    public Task A_formatter_s_fallback_text_next_to_returned_data_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using Microsoft.Extensions.AI;
            namespace Rag;
            public static class Context
            {
                public static ChatMessage Documents(IReadOnlyList<string> docs) => new ChatMessage(ChatRole.System, Format(docs));
                public static ChatMessage Memories(IReadOnlyList<string> memories) => new ChatMessage(ChatRole.System, Remember(memories));
                public static ChatMessage Profile(string? profile) => new ChatMessage(ChatRole.System, Describe(profile));

                private static string Format(IReadOnlyList<string> docs)
                {
                    if (docs.Count == 0)
                    {
                        return "No relevant documents were found.";
                    }

                    return string.Join("\n\n", docs);
                }

                private static string Remember(IReadOnlyList<string> memories)
                {
                    if (memories.Count == 0) return "(none)";
                    var sb = new StringBuilder();
                    foreach (var memory in memories) sb.AppendLine($"- {memory}");
                    return sb.ToString();
                }

                private static string Describe(string? profile) => profile is null ? "The user is anonymous." : $"User profile: {profile}";
            }
            """);

    // The same stand-in chosen at the slot with ?: or a switch expression.
    [Fact]
    public Task A_stand_in_chosen_next_to_data_at_the_slot_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            namespace Rag;
            public static class Context
            {
                public static ChatMessage Conditional(IReadOnlyList<string> docs) =>
                    new ChatMessage(ChatRole.System, docs.Count == 0 ? "No relevant documents were found." : string.Join("\n\n", docs));

                public static ChatMessage Switched(IReadOnlyList<string> docs) => new ChatMessage(ChatRole.System, docs.Count switch
                {
                    0 => "No documents.",
                    1 => "Document:\n" + docs[0],
                    _ => string.Join("\n---\n", docs),
                });

                public static ChatMessage Local(IReadOnlyList<string> docs)
                {
                    var joined = string.Join("\n", docs);
                    return new ChatMessage(ChatRole.System, docs.Count > 0 ? joined : "(no context)");
                }
            }
            """);

    // Only text written next to data being formatted has to instruct: a named default after a configured value,
    // literals on every path, a literal next to a loaded or configured value, and a fallback that instructs stay prompts.
    [Fact]
    public Task Returned_defaults_literal_choices_and_instructing_fallbacks_stay_prompts() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Rag;
            public static class Prompts
            {
                private const string {|#0:DefaultPrompt|} = "Summarize the ticket in two lines.";
                public static ChatMessage Configured(string? configured) => new ChatMessage(ChatRole.System, Pick(configured));
                public static ChatMessage Brief(bool brief) => new ChatMessage(ChatRole.System, Length(brief));
                public static ChatMessage Grounded(string[] docs) => new ChatMessage(ChatRole.System, Ground(docs));

                private static string Pick(string? configured)
                {
                    if (!string.IsNullOrEmpty(configured)) return configured;
                    return DefaultPrompt;
                }

                private static string Length(bool brief)
                {
                    if (brief) return {|#1:"Summarize in one line."|};
                    return {|#3:"Summarize in detail."|};
                }

                public static ChatMessage Loaded(string path) => new ChatMessage(ChatRole.System, Load(path));
                public static ChatMessage Chosen(bool custom, string configured) =>
                    new ChatMessage(ChatRole.System, custom ? configured : {|#4:"Summarize the ticket."|});

                private static string Load(string path)
                {
                    if (System.IO.File.Exists(path)) return System.IO.File.ReadAllText(path);
                    return {|#5:"Summarize the ticket in two lines."|};
                }

                private static string Ground(string[] docs)
                {
                    if (docs.Length == 0) return {|#2:"You are a support bot. Say you could not find an answer; never guess."|};
                    return string.Join("\n", docs);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Rag.Prompts.DefaultPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Rag.Prompts.Length"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Rag.Prompts.Length"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Rag.Prompts.Ground"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Rag.Prompts.Chosen"),
            Diagnostic("AIL0301").WithLocation(5).WithArguments("Rag.Prompts.Load"));

    // ---------------------------------------------------------------- switch arms, roles, few-shot turns

    [Fact]
    public Task Switch_arms_of_user_facing_text_in_assistant_and_user_messages_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            namespace Ui;
            public enum Failure { Timeout, RateLimited, Unknown }
            public static class Replies
            {
                public static ChatMessage Error(Failure failure) => new ChatMessage(ChatRole.Assistant, failure switch
                {
                    Failure.Timeout => "Sorry, that took too long. Please try again.",
                    Failure.RateLimited => "You must wait a minute before asking again.",
                    _ => "Something went wrong. You should try again later.",
                });

                public static ChatMessage Greeting(string language) => new ChatMessage(ChatRole.Assistant, Hello(language));

                private static string Hello(string language) => language switch
                {
                    "fr" => "Bonjour ! Comment puis-je vous aider ?",
                    _ => "Hello! You can always ask me about your order.",
                };

                public static ChatMessage Stored(string role, string text) =>
                    new ChatMessage(role switch { "system" => ChatRole.System, "assistant" => ChatRole.Assistant, _ => ChatRole.User }, text);

                public static ChatMessage Mapped(bool isSystem, string text) => new ChatMessage(isSystem ? ChatRole.System : ChatRole.User, text);
            }
            """);

    [Fact]
    public Task Few_shot_user_and_assistant_turns_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OpenAI.Chat;
            namespace FewShot;
            public static class Examples
            {
                public static List<Microsoft.Extensions.AI.ChatMessage> Meai() => new()
                {
                    new(Microsoft.Extensions.AI.ChatRole.User, "You must refund me now, the shoes never arrived."),
                    new(Microsoft.Extensions.AI.ChatRole.Assistant, "{\"intent\":\"refund\",\"urgent\":true}"),
                };

                public static List<ChatMessage> OpenAi() => new()
                {
                    new UserChatMessage("You should cancel my subscription today."),
                    new AssistantChatMessage("{\"intent\":\"cancel\"}"),
                };

                public static ChatHistory Sk()
                {
                    var history = new ChatHistory();
                    history.AddUserMessage("Never mind the last order, you must ship the new one.");
                    history.AddAssistantMessage("{\"intent\":\"ship\"}");
                    history.Add(new Microsoft.SemanticKernel.ChatMessageContent(AuthorRole.Assistant, "You are welcome! I always answer within a day."));
                    history.AddMessage(AuthorRole.User, "You are wrong, it must be blue.");
                    return history;
                }
            }
            """);

    // ---------------------------------------------------------------- the new slots with data

    [Fact]
    public Task New_sdk_slots_given_data_are_not_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using Anthropic.Models.Messages;
            using Microsoft.Agents.AI;
            using OllamaSharp;
            using OllamaSharp.Models;
            using OpenAI.Assistants;
            namespace Slots;
            public static class Requests
            {
                public static GenerateRequest Ollama(string[] facts, string question) => new GenerateRequest
                {
                    Model = "llama3.1",
                    Prompt = question,
                    System = "Facts:\n" + string.Join("\n", facts),
                };

                public static Chat Chat(IOllamaApiClient client, string persona) => new Chat(client, persona + "\n" + System.DateTime.UtcNow.ToString("D"));

                public static AIContext Memories(IEnumerable<string> memories)
                {
                    var sb = new StringBuilder();
                    sb.AppendLine("## Memories");
                    foreach (var memory in memories)
                    {
                        sb.AppendLine($"- {memory}");
                    }

                    return new AIContext { Instructions = sb.ToString() };
                }

                public static RunCreationOptions Run(string userName, string tier) =>
                    new RunCreationOptions { AdditionalInstructions = "User: " + userName + "\nTier: " + tier };

                public static MessageCreateParams Claude(string document, string question) => new MessageCreateParams
                {
                    Model = "claude-haiku-4-5",
                    MaxTokens = 512,
                    System = new List<TextBlockParam> { new() { Text = "<document>\n" + document + "\n</document>", CacheControl = new CacheControlEphemeral() } },
                    Messages = new MessageParam[] { new UserMessageParam { Content = question } },
                };
            }
            """);

    // ---------------------------------------------------------------- broken builders

    [Fact]
    public async Task Half_typed_data_builders_do_not_crash_or_report()
    {
        var test = new Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Linq;
                using System.Text;
                using Microsoft.Extensions.AI;
                namespace Shop;
                public static class Messages
                {
                    public static ChatMessage A(string[] docs) { var sb = new StringBuilder(); foreach (var d in docs) sb.AppendLine($"- {d}"; return new ChatMessage(ChatRole.System, sb.ToString()); }
                    public static ChatMessage B(string[] docs) => new ChatMessage(ChatRole.System, string.Join("\n", docs.Select(d => d.)));
                    public static ChatMessage C(string name) => new ChatMessage(ChatRole.System, $"Name: {name" + "\n");
                    public static ChatMessage D(string name) => new ChatMessage(ChatRole.System, Render(name));
                    private static string Render(string name) { return $"Name: {name}" }
                    public static ChatMessage E(string x) => new ChatMessage(ChatRole.System, x switch { "a" => , _ => x });
                    public static ChatMessage F() { var sb = new StringBuilder(); sb.AppendLine(Missing.Value); return new ChatMessage(ChatRole.System, sb.ToString()); }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
