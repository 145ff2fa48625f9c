using AiLint.CodeFixes.Rules.Models;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// AIL0501-AIL0503 on a parameter's default that reaches a model slot, and on the default of a record's positional
/// property. Shapes from public .NET apps: wrappers such as <c>AskAsync(string prompt, string model = "gpt-3.5-turbo")</c>
/// that hand <c>model</c> to <c>GetChatClient</c> or <c>ChatOptions.ModelId</c>, and service constructors taking an
/// optional model id.
/// </summary>
public class ParameterDefaultModelIdTests
{
    [Fact]
    public Task Method_parameter_default_reaching_GetChatClient_is_reported_at_the_default() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using OpenAI;
            using OpenAI.Chat;
            class Assistant
            {
                private readonly OpenAIClient client = new OpenAIClient("key");

                public async Task<string> AskAsync(string prompt, string model = {|#0:"gpt-3.5-turbo-0125"|})
                {
                    ChatCompletion completion = await client.GetChatClient(model).CompleteChatAsync(prompt);
                    return completion.Content[0].Text;
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo-0125", "2026-10-23", ""));

    [Fact]
    public Task Default_read_by_several_slots_is_reported_once() =>
        VerifyAsync("""
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;
            class Factory
            {
                public ChatOptions Create(string key, string model = {|AIL0501:"gpt-4o"|})
                {
                    var client = new ChatClient(model, key);
                    return new ChatOptions { ModelId = model };
                }
            }
            """);

    [Fact]
    public Task Constructor_parameter_default_reaching_a_client_constructor() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class ChatService
            {
                private readonly ChatClient chat;

                public ChatService(string apiKey, string model = {|AIL0502:"gpt-5-mini"|})
                {
                    chat = new ChatClient(model, apiKey);
                }
            }
            """);

    // Olive.Gpt's Api and several ChatGPTProvider classes in public repos store the constructor's optional model in a
    // readonly field and read it in every request method; here the request methods use the SDK.
    [Fact]
    public Task Constructor_default_stored_in_a_readonly_field_read_by_other_members_is_reported_once() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;
            using OpenAI.Chat;
            class ChatService
            {
                private readonly OpenAIClient client;
                private readonly string _model;

                public ChatService(OpenAIClient client, string model = {|#0:"gpt-3.5-turbo"|})
                {
                    this.client = client;
                    _model = model;
                }

                public Task<System.ClientModel.ClientResult<ChatCompletion>> AskAsync(string question) =>
                    client.GetChatClient(_model).CompleteChatAsync(question);

                public ChatOptions Options() => new ChatOptions { ModelId = this._model };
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    [Fact]
    public Task Stored_defaults_that_never_reach_a_slot_or_may_not_be_stored_are_not_reported() =>
        VerifyAsync("""
            using System;
            using OpenAI;
            using OpenAI.Chat;
            class Logged
            {
                private readonly string _model;
                public Logged(string model = "gpt-4o") { _model = model; }
                public override string ToString() => "model: " + _model;
            }
            class Mutable
            {
                private string _model;
                private readonly OpenAIClient client = new OpenAIClient("key");
                public Mutable(string model = "gpt-4o") { _model = model; }
                public ChatClient Chat() => client.GetChatClient(_model);
            }
            class Conditional
            {
                private readonly string _model = "gpt-5.5-2026-04-23";
                private readonly OpenAIClient client = new OpenAIClient("key");
                public Conditional(bool custom, string model = "gpt-4o") { if (custom) { _model = model; } }
                public ChatClient Chat() => client.GetChatClient(_model);
            }
            """);

    [Fact]
    public Task Anthropic_and_Semantic_Kernel_slots_read_the_default_too() =>
        VerifyAsync("""
            using Anthropic.Models.Messages;
            using Microsoft.SemanticKernel;
            class Wrappers
            {
                public MessageCreateParams Build(string text, string model = {|AIL0503:"claude-3-sonnet-20240229"|}) => new MessageCreateParams
                {
                    MaxTokens = 256,
                    Model = model,
                    Messages = new MessageParam[] { new UserMessageParam { Content = text } },
                };

                public Kernel Kernel(string key, string modelId = {|AIL0503:"gpt-4-0613"|}) =>
                    Microsoft.SemanticKernel.Kernel.CreateBuilder().AddOpenAIChatCompletion(modelId, key).Build();
            }
            """);

    [Fact]
    public Task Local_function_and_lambda_parameter_defaults() =>
        VerifyAsync("""
            using System;
            using OpenAI;
            using OpenAI.Chat;
            class C
            {
                void M(OpenAIClient client)
                {
                    ChatClient Get(string model = {|AIL0501:"gpt-4o"|}) => client.GetChatClient(model);
                    Func<string, ChatClient> get = (string model = {|AIL0503:"gpt-4-0613"|}) => client.GetChatClient(model);
                }
            }
            """);

    [Fact]
    public Task A_choice_between_the_parameter_and_a_literal_checks_both() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            class C
            {
                ChatClient M(OpenAIClient client, bool deep, string model = {|AIL0501:"gpt-4o"|}) =>
                    client.GetChatClient(deep ? {|AIL0502:"gpt-5"|} : model);
            }
            """);

    [Fact]
    public Task Record_positional_property_default_is_followed_like_a_settings_default() =>
        VerifyAsync("""
            using OpenAI.Chat;
            record AiSettings(string ApiKey, string Model = "gpt-4-0613");
            class C
            {
                ChatClient M(AiSettings settings) => new ChatClient({|AIL0503:settings.Model|}, settings.ApiKey);
            }
            """);

    [Fact]
    public Task Record_positional_default_overridden_by_appsettings_is_not_reported() =>
        VerifyAsync("""
            using OpenAI.Chat;
            record AiSettings(string ApiKey, string Model = "gpt-4-0613");
            class C
            {
                ChatClient M(AiSettings settings) => new ChatClient(settings.Model, settings.ApiKey);
            }
            """,
            new[] { ("/app/appsettings.json", """{ "Ai": { "Model": "gpt-5.5-2026-04-23" } }""") });

    // The correct code next to the bug: a pinned or unknown default, no default, a null default resolved from
    // configuration, a parameter named `model` that never reaches a slot, and a parameter the body overwrites.
    [Fact]
    public Task Defaults_that_are_not_ids_the_table_flags_or_that_never_reach_a_slot_are_not_reported() =>
        VerifyAsync("""
            using System;
            using OpenAI;
            using OpenAI.Chat;
            class C
            {
                ChatClient Pinned(OpenAIClient client, string model = "gpt-5.5-2026-04-23") => client.GetChatClient(model);
                ChatClient Unknown(OpenAIClient client, string model = "my-fine-tune") => client.GetChatClient(model);
                ChatClient Required(OpenAIClient client, string model) => client.GetChatClient(model);
                ChatClient FromConfig(OpenAIClient client, string? model = null) =>
                    client.GetChatClient(model ?? Environment.GetEnvironmentVariable("OPENAI_MODEL")!);
                string Label(string text, string model = "gpt-4o") => model + ": " + text;
                ChatClient Overwritten(OpenAIClient client, string model = "gpt-4o")
                {
                    model = Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? "gpt-5.5-2026-04-23";
                    return client.GetChatClient(model);
                }
            }
            """);

    [Fact]
    public Task Azure_deployment_name_defaults_are_not_model_ids() =>
        VerifyAsync("""
            using Azure.AI.OpenAI;
            using OpenAI.Chat;
            class C
            {
                ChatClient M(AzureOpenAIClient client, string deploymentName = "gpt-35-turbo") => client.GetChatClient(deploymentName);
            }
            """);

    // A call through the base or the interface uses the default declared there, so an override's or an
    // implementation's own default is not the id every caller gets; the interface's default is not read either.
    [Fact]
    public Task Defaults_of_overrides_and_interface_members_are_not_reported() =>
        VerifyAsync("""
            using OpenAI;
            using OpenAI.Chat;
            interface IChatFactory { ChatClient Create(string model = "gpt-4o"); }
            abstract class Base { public abstract ChatClient Create(string model = "gpt-4o"); }
            class Derived : Base
            {
                private readonly OpenAIClient client = new OpenAIClient("key");
                public override ChatClient Create(string model = "gpt-4o") => client.GetChatClient(model);
            }
            class Explicit : IChatFactory
            {
                private readonly OpenAIClient client = new OpenAIClient("key");
                ChatClient IChatFactory.Create(string model) => client.GetChatClient(model);
            }
            """);

    // A class primary-constructor parameter is read from several members; it is left alone (see the rule page).
    [Fact]
    public Task Class_primary_constructor_parameter_default_is_not_followed() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class ChatService(string apiKey, string model = "gpt-4o")
            {
                public ChatClient Create() => new ChatClient(model, apiKey);
            }
            """);

    [Fact]
    public Task Sampling_settings_are_not_linked_to_a_parameter_default() =>
        VerifyAsync("""
            using OpenAI.Chat;
            class C
            {
                void M(string key, string model = "gpt-6-astra")
                {
                    var chat = new ChatClient(model, key);
                    chat.CompleteChat(new ChatMessage[] { "hi" }, new ChatCompletionOptions { Temperature = 0.2f });
                }
            }
            """);

    [Fact]
    public Task Half_typed_parameter_defaults_do_not_crash() =>
        VerifyAsync("""
            using OpenAI;
            class C
            {
                object M(OpenAIClient client, string model = ) => client.GetChatClient(model);
                object N(OpenAIClient client, string model = 42) => client.GetChatClient(model);
                object P(OpenAIClient client, string model = "gpt-4o") => client.GetChatClient(mdl);
            }
            """,
            DiagnosticResult.CompilerError("CS1525").WithSpan(4, 50, 4, 51).WithArguments(")"),
            DiagnosticResult.CompilerError("CS1750").WithSpan(5, 42, 5, 47).WithArguments("int", "string"),
            DiagnosticResult.CompilerError("CS0103").WithSpan(6, 84, 6, 87).WithArguments("mdl"));

    [Fact]
    public Task Code_fix_replaces_the_default_value_with_the_successor() =>
        new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                class C
                {
                    ChatOptions M(string model = {|AIL0503:"claude-sonnet-4-20250514"|}) => new ChatOptions { ModelId = model };
                }
                """,
            FixedCode = """
                using Microsoft.Extensions.AI;
                class C
                {
                    ChatOptions M(string model = "claude-sonnet-4-6") => new ChatOptions { ModelId = model };
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Code_fix_replaces_a_stored_constructor_default() =>
        new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                class C
                {
                    private readonly string _model;
                    public C(string model = {|AIL0503:"claude-sonnet-4-20250514"|}) { _model = model; }
                    public ChatOptions Options() => new ChatOptions { ModelId = _model };
                }
                """,
            FixedCode = """
                using Microsoft.Extensions.AI;
                class C
                {
                    private readonly string _model;
                    public C(string model = "claude-sonnet-4-6") { _model = model; }
                    public ChatOptions Options() => new ChatOptions { ModelId = _model };
                }
                """,
        }.RunAsync();

    // A record's positional default is reported at the read, like a settings default: there is no literal there to
    // edit, so the fix does not offer itself.
    [Fact]
    public Task Code_fix_is_not_offered_on_a_record_default_read() =>
        new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                record AiSettings(string Model = "claude-sonnet-4-20250514");
                class C
                {
                    ChatOptions M(AiSettings settings) => new ChatOptions { ModelId = {|AIL0503:settings.Model|} };
                }
                """,
            FixedCode = """
                using Microsoft.Extensions.AI;
                record AiSettings(string Model = "claude-sonnet-4-20250514");
                class C
                {
                    ChatOptions M(AiSettings settings) => new ChatOptions { ModelId = {|AIL0503:settings.Model|} };
                }
                """,
        }.RunAsync();

    // A default spelled through a constant is reported on the constant's use in the parameter list; the fix, which
    // edits literals only, does not offer itself there (the constant may be used elsewhere).
    [Fact]
    public Task Code_fix_is_not_offered_on_a_constant_default() =>
        new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                class C
                {
                    const string Default = "claude-sonnet-4-20250514";
                    ChatOptions M(string model = {|AIL0503:Default|}) => new ChatOptions { ModelId = model };
                }
                """,
            FixedCode = """
                using Microsoft.Extensions.AI;
                class C
                {
                    const string Default = "claude-sonnet-4-20250514";
                    ChatOptions M(string model = {|AIL0503:Default|}) => new ChatOptions { ModelId = model };
                }
                """,
        }.RunAsync();
}
