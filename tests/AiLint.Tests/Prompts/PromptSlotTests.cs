using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>System/instruction slots of MEAI content lists, the Agent Framework, Semantic Kernel and MCP servers, and single-turn requests.</summary>
public class PromptSlotTests
{
    private const string Plain = "You are the Contoso support assistant.";
    private const string Input = "{{$input}}";

    [Fact]
    public Task Meai_system_message_built_from_a_contents_list() =>
        VerifyAsync(
            $$"""
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Prompts
            {
                public const string {|AIL0301:A|} = "{{Plain}}";
                public const string {|AIL0301:B|} = "{{Plain}} B.";
                public const string Question = "{{Plain}} Q.";
                public static ChatMessage[] Build() => new[]
                {
                    new ChatMessage(ChatRole.System, new List<AIContent> { new TextContent(A) }),
                    new ChatMessage(ChatRole.System, [new TextContent(B)]),
                    new ChatMessage(ChatRole.User, [new TextContent(Question)]),
                };
            }
            """);

    [Fact]
    public Task Agent_framework_instructions() =>
        VerifyAsync(
            $$"""
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public static class Agents
            {
                public const string {|AIL0301:Triage|} = "{{Plain}}";
                public const string {|AIL0301:Billing|} = "{{Plain}} Billing.";
                public const string {|AIL0301:Refunds|} = "{{Plain}} Refunds.";
                public const string Name = "{{Plain}} name.";
                public const string Description = "{{Plain}} description.";
                public static AIAgent[] Build(IChatClient client) => new AIAgent[]
                {
                    new ChatClientAgent(client, instructions: Triage, name: Name, description: Description),
                    client.AsAIAgent(instructions: Billing, name: Name),
                    new ChatClientAgent(client, new ChatClientAgentOptions { Name = Name, ChatOptions = new ChatOptions { Instructions = Refunds } }),
                    new ChatClientAgent(client, name: Name),
                    client.AsAIAgent(name: Name, description: Description),
                };
            }
            """);

    [Fact]
    public Task Semantic_kernel_system_messages_and_prompt_templates() =>
        VerifyAsync(
            $$"""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Shop;
            public static class Prompts
            {
                public const string {|AIL0301:A|} = "{{Plain}} A.";
                public const string {|AIL0301:B|} = "{{Plain}} B.";
                public const string {|AIL0301:C|} = "{{Plain}} C {{Input}}.";
                public const string {|AIL0301:D|} = "{{Plain}} D {{Input}}.";
                public const string {|AIL0301:E|} = "{{Plain}} E {{Input}}.";
                public const string {|AIL0301:F|} = "{{Plain}} F {{Input}}.";
                public const string {|AIL0301:G|} = "{{Plain}} G {{Input}}.";
                public const string {|AIL0301:H|} = "{{Plain}} H.";
                public const string {|AIL0301:I|} = "{{Plain}} I.";
                public const string Question = "{{Plain}} Q.";
                public static async Task Run(Kernel kernel)
                {
                    var history = new ChatHistory(A);
                    history.AddSystemMessage(B);
                    history.AddUserMessage(Question);
                    var empty = new ChatHistory();
                    var withRole = new ChatHistory(H, AuthorRole.System);
                    withRole.AddMessage(AuthorRole.System, I);
                    withRole.AddMessage(AuthorRole.User, Question);
                    var userFirst = new ChatHistory(Question, AuthorRole.User);
                    var f1 = kernel.CreateFunctionFromPrompt(C);
                    var f2 = KernelFunctionFactory.CreateFromPrompt(D);
                    await kernel.InvokePromptAsync(E);
                    var c1 = new PromptTemplateConfig(F);
                    var c2 = new PromptTemplateConfig { Template = G, Name = Question };
                }
            }
            """);

    [Fact]
    public Task Mcp_server_instructions() =>
        VerifyAsync(
            $$"""
            using ModelContextProtocol.Server;
            namespace Shop;
            public static class Server
            {
                public const string {|AIL0301:Instructions|} = "{{Plain}}";
                public const string Version = "2025-06-18";
                public const string Name = "{{Plain}} server.";
                public static McpServerOptions Options() => new McpServerOptions { ServerInstructions = Instructions };
                public static McpServerOptions Other() => new McpServerOptions { ProtocolVersion = Version, ServerInfo = new() { Name = Name, Version = Version } };
            }
            """);

    [Fact]
    public Task Semantic_kernel_InvokePromptAsync_with_the_users_question_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            namespace Shop;
            public sealed class Faq(Kernel kernel)
            {
                public Task<FunctionResult> Ask(string question) => kernel.InvokePromptAsync(question);
                public Task<FunctionResult> Capital() => Ask("What is the capital of France?");
                public Task<FunctionResult> Direct() => kernel.InvokePromptAsync("What is the capital of Spain?");
            }
            """);

    // ---- Single-turn requests: the whole conversation in one string ----

    [Fact]
    public Task A_constant_instruction_template_that_is_the_whole_request_is_a_prompt() =>
        VerifyAsync(
            """"
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public sealed record Summary(string Text);
            public sealed class Summarizer(IChatClient client)
            {
                private const string {|AIL0301:Classify|} = "Classify the ticket. Only answer with one of: bug, billing, other.";
                public Task<ChatResponse<Summary>> Summarize(string ticket) =>
                    client.GetResponseAsync<Summary>({|#0:$$"""
                        You are a support summarizer.
                        Summarize the ticket below in two sentences.
                        {{ticket}}
                        """|});
                public Task<ChatResponse> Triage(string ticket)
                {
                    var prompt = {|#1:$"Read this ticket: {ticket}. You must answer with its priority only."|};
                    return client.GetResponseAsync(prompt);
                }
                public Task<ChatResponse> Label() => client.GetResponseAsync(Classify);
            }
            """",
            System.Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Summarizer.Summarize"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Shop.Summarizer.Triage"));

    [Fact]
    public Task User_input_labels_urls_model_ids_and_questions_as_the_whole_request_are_not_prompts() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Shop;
            public sealed class Chat(IChatClient client)
            {
                public const string Model = "gpt-4o-mini";
                public const string Docs = "https://contoso.example/docs/only-the-best";
                public Task<ChatResponse> FromUser(string message) => client.GetResponseAsync(message);
                public Task<ChatResponse> FromConsole() => client.GetResponseAsync(Console.ReadLine() ?? "");
                public Task<ChatResponse> Label() => client.GetResponseAsync("Summary");
                public Task<ChatResponse> Url() => client.GetResponseAsync(Docs);
                public Task<ChatResponse> ModelId() => client.GetResponseAsync(Model);
                public Task<ChatResponse> Question(string order) => client.GetResponseAsync($"Where is order {order}?");
                public Task<ChatResponse> QuestionWithKeyword() => client.GetResponseAsync("What should I cook for dinner tonight?");
                public Task<ChatResponse> ShortWord() => client.GetResponseAsync("Only");
                public Task<ChatResponse> ListOfData(string a, string b) => client.GetResponseAsync($"Items:\n- {a}\n- {b}");
            }
            """);
}
