using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Retry;

/// <summary>The shared LLM call recognition, against the real SDK assemblies.</summary>
public class LlmCallRecognitionTests
{
    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, references: null, globalConfig: null, expected);

    private static Task VerifyAsync(string source, System.Collections.Immutable.ImmutableArray<MetadataReference>? references, string? globalConfig, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<LlmCallProbeAnalyzer> { TestCode = source };
        if (references is { } refs)
        {
            test.References = refs;
        }

        if (globalConfig is not null)
        {
            test.AnalyzerConfigFiles.Add(("/0/.globalconfig", "is_global = true\n" + globalConfig + "\n"));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Call(int location, string kind, string sdk) =>
        new DiagnosticResult(LlmCallProbeAnalyzer.Rule).WithLocation(location).WithArguments(kind, sdk);

    [Fact]
    public Task OpenAI_chat_client_every_entry_point() => VerifyAsync(
        RetryTestSupport.Usings + """
        class C
        {
            async Task M(ChatClient chat, IEnumerable<OpenAI.Chat.ChatMessage> messages, BinaryContent content)
            {
                await chat.{|#0:CompleteChatAsync|}(messages);
                chat.{|#1:CompleteChat|}(new UserChatMessage("hi"));
                await chat.{|#2:CompleteChatAsync|}(content, new RequestOptions());
                chat.{|#3:CompleteChat|}(content);
                await foreach (var update in chat.{|#4:CompleteChatStreamingAsync|}(messages)) { }
                foreach (var update in chat.{|#5:CompleteChatStreaming|}(messages)) { }
            }
        }
        """,
        Call(0, "Generation", "OpenAI"),
        Call(1, "Generation", "OpenAI"),
        Call(2, "Generation", "OpenAI"),
        Call(3, "Generation", "OpenAI"),
        Call(4, "Streaming", "OpenAI"),
        Call(5, "Streaming", "OpenAI"));

    [Fact]
    public Task OpenAI_responses_client_every_entry_point() => VerifyAsync(
        RetryTestSupport.Usings + """
        using OpenAI.Responses;
        class C
        {
            async Task M(ResponsesClient responses, BinaryContent content)
            {
                await responses.{|#0:CreateResponseAsync|}("gpt-4o", "hi");
                responses.{|#1:CreateResponse|}(new CreateResponseOptions());
                await responses.{|#2:CreateResponseAsync|}(content, new RequestOptions());
                await responses.{|#3:CreateResponseStreamingAsync|}("gpt-4o", "hi");
            }
        }
        """,
        Call(0, "Generation", "OpenAI"),
        Call(1, "Generation", "OpenAI"),
        Call(2, "Generation", "OpenAI"),
        Call(3, "Streaming", "OpenAI"));

    [Fact]
    public Task Embeddings_are_not_generation_calls() => VerifyAsync(
        RetryTestSupport.Usings + """
        using OpenAI.Embeddings;
        class C
        {
            async Task M(EmbeddingClient embeddings, IEmbeddingGenerator<string, Embedding<float>> generator)
            {
                await embeddings.GenerateEmbeddingAsync("hi");
                embeddings.GenerateEmbeddings(new[] { "a", "b" });
                await generator.GenerateAsync(new[] { "hi" });
            }
        }
        """);

    [Fact]
    public Task Microsoft_Extensions_AI_interface_and_extension_overloads() => VerifyAsync(
        RetryTestSupport.Usings + """
        using MChat = Microsoft.Extensions.AI.ChatMessage;
        class C
        {
            async Task M(IChatClient client, List<MChat> messages)
            {
                await client.{|#0:GetResponseAsync|}(messages);
                await client.{|#1:GetResponseAsync|}("hi");
                await client.{|#2:GetResponseAsync|}(new MChat(ChatRole.User, "hi"));
                await foreach (var u in client.{|#3:GetStreamingResponseAsync|}(messages)) { }
                await foreach (var u in client.{|#4:GetStreamingResponseAsync|}("hi")) { }
                client.GetService(typeof(object));
            }
        }
        """,
        Call(0, "Generation", "MicrosoftExtensionsAI"),
        Call(1, "Generation", "MicrosoftExtensionsAI"),
        Call(2, "Generation", "MicrosoftExtensionsAI"),
        Call(3, "Streaming", "MicrosoftExtensionsAI"),
        Call(4, "Streaming", "MicrosoftExtensionsAI"));

    [Fact]
    public Task Delegating_chat_client_overrides_and_base_calls() => VerifyAsync(
        RetryTestSupport.Usings + """
        using MChat = Microsoft.Extensions.AI.ChatMessage;
        class Logging : DelegatingChatClient
        {
            public Logging(IChatClient inner) : base(inner) { }

            public override Task<ChatResponse> GetResponseAsync(IEnumerable<MChat> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                => base.{|#0:GetResponseAsync|}(messages, options, cancellationToken);
        }

        class C
        {
            Task M(Logging logging) => logging.{|#1:GetResponseAsync|}(new List<MChat>());
        }
        """,
        Call(0, "Generation", "MicrosoftExtensionsAI"),
        Call(1, "Generation", "MicrosoftExtensionsAI"));

    [Fact]
    public Task Anthropic_messages_stable_beta_raw_and_structured() => VerifyAsync(
        """
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;
        using Anthropic.Services;
        class Answer { public string? Text { get; set; } }
        class C
        {
            async Task M(AnthropicClient client, MessageCreateParams p, Anthropic.Models.Beta.Messages.MessageCreateParams bp)
            {
                await client.Messages.{|#0:Create|}(p);
                await foreach (var e in client.Messages.{|#1:CreateStreaming|}(p)) { }
                await client.Messages.{|#2:Create|}<Answer>(p);
                await client.Beta.Messages.{|#3:Create|}(bp);
                await foreach (var e in client.Beta.Messages.{|#4:CreateStreaming|}(bp)) { }
                await client.WithRawResponse.Messages.{|#5:Create|}(p);
                await client.Messages.CountTokens(new MessageCountTokensParams { Messages = p.Messages, Model = p.Model });
            }
        }
        """,
        Call(0, "Generation", "Anthropic"),
        Call(1, "Streaming", "Anthropic"),
        Call(2, "Generation", "Anthropic"),
        Call(3, "Generation", "Anthropic"),
        Call(4, "Streaming", "Anthropic"),
        Call(5, "Generation", "Anthropic"));

    [Fact]
    public Task Anthropic_concrete_message_service_is_an_implementation() => VerifyAsync(
        """
        using System.Threading.Tasks;
        using Anthropic.Models.Messages;
        using Anthropic.Services;
        class C
        {
            Task M(MessageService service, MessageCreateParams p) => service.{|#0:Create|}(p);
        }
        """,
        Call(0, "Generation", "Anthropic"));

    [Fact]
    public Task LlmCall_attribute_marks_a_method_and_its_overrides() => VerifyAsync(
        """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using AiLint;
        class Gateway
        {
            [LlmCall] public virtual Task<string> AskAsync(string q) => Task.FromResult(q);
            [LlmCall] public IAsyncEnumerable<string> StreamAsync(string q) => null!;
        }
        class Derived : Gateway
        {
            public override Task<string> AskAsync(string q) => Task.FromResult(q);
        }
        class C
        {
            async Task M(Gateway g, Derived d)
            {
                await g.{|#0:AskAsync|}("q");
                await d.{|#1:AskAsync|}("q");
                g.{|#2:StreamAsync|}("q");
            }
        }
        """,
        Call(0, "Generation", "Annotated"),
        Call(1, "Generation", "Annotated"),
        Call(2, "Streaming", "Annotated"));

    [Fact]
    public Task Configured_methods_are_llm_calls() => VerifyAsync(
        """
        using System.Threading.Tasks;
        namespace Shop.Llm
        {
            public class HttpModel
            {
                public Task<string> SendAsync(string q) => Task.FromResult(q);
                public Task<string> OtherAsync(string q) => Task.FromResult(q);
                public class Nested { public void Ask() { } }
            }
            class C
            {
                async Task M(HttpModel m, HttpModel.Nested n)
                {
                    await m.{|#0:SendAsync|}("q");
                    await m.OtherAsync("q");
                    n.{|#1:Ask|}();
                }
            }
        }
        """,
        references: null,
        globalConfig: "ailint.llm_call_methods = Shop.Llm.HttpModel.SendAsync, Shop.Llm.HttpModel.Nested.Ask",
        Call(0, "Generation", "Configured"),
        Call(1, "Generation", "Configured"));

    [Fact]
    public async Task Configured_methods_in_an_editorconfig_section()
    {
        var test = new AnalyzerTest<LlmCallProbeAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                class Model { public Task<string> SendAsync(string q) => Task.FromResult(q); }
                class C { Task M(Model m) => m.{|#0:SendAsync|}("q"); }
                """,
        };
        test.AddEditorConfig("ailint.llm_call_methods = Model.SendAsync");
        test.ExpectedDiagnostics.Add(Call(0, "Generation", "Configured"));
        await test.RunAsync();
    }

    [Fact]
    public Task Project_methods_reach_calls_transitively_including_cycles_and_local_functions() => VerifyAsync(
        RetryTestSupport.Usings + """
        class Assistant
        {
            private readonly ChatClient chat;
            public Assistant(ChatClient chat) => this.chat = chat;

            async Task<string> CallModelAsync(string q) => (await chat.{|#0:CompleteChatAsync|}(new UserChatMessage(q))).Value.Content[0].Text;
            Task<string> SummarizeAsync(string q) => {|#1:CallModelAsync|}(q);
            Task<string> HandleAsync(string q) => {|#2:SummarizeAsync|}(q);

            // Mutual recursion: both reach the model through each other.
            Task<string> PingAsync(int n) => n == 0 ? {|#3:CallModelAsync|}("x") : {|#4:PongAsync|}(n - 1);
            Task<string> PongAsync(int n) => {|#5:PingAsync|}(n);

            Task<string> WithLocalAsync(string q)
            {
                return {|#6:Local|}();
                Task<string> Local() => {|#7:HandleAsync|}(q);
            }

            string Format(string s) => s.Trim();
            string Uses() => Format("a");
        }
        """,
        Call(0, "Generation", "OpenAI"),
        Call(1, "Generation", "Project"),
        Call(2, "Generation", "Project"),
        Call(3, "Generation", "Project"),
        Call(4, "Generation", "Project"),
        Call(5, "Generation", "Project"),
        Call(6, "Generation", "Project"),
        Call(7, "Generation", "Project"));

    [Fact]
    public Task Calls_through_project_interfaces_and_virtual_methods_reach_their_implementations() => VerifyAsync(
        RetryTestSupport.Usings + """
        interface ISupportBot { Task<string> AnswerAsync(string q); string Name(); }

        sealed class OpenAIBot(ChatClient chat) : ISupportBot
        {
            public async Task<string> AnswerAsync(string q) => (await chat.{|#0:CompleteChatAsync|}(new UserChatMessage(q))).Value.Content[0].Text;
            public string Name() => "openai";
        }

        abstract class Summarizer { public abstract Task<string> SummarizeAsync(string text); }
        sealed class ModelSummarizer(IChatClient client) : Summarizer
        {
            public override async Task<string> SummarizeAsync(string text) => (await client.{|#1:GetResponseAsync|}(text)).Text;
        }

        class Desk(ISupportBot bot, Summarizer summarizer)
        {
            public async Task M()
            {
                await bot.{|#2:AnswerAsync|}("q");
                await summarizer.{|#3:SummarizeAsync|}("t");
                bot.Name();
            }
        }
        """,
        Call(0, "Generation", "OpenAI"),
        Call(1, "Generation", "MicrosoftExtensionsAI"),
        Call(2, "Generation", "Project"),
        Call(3, "Generation", "Project"));

    [Fact]
    public Task Project_method_returning_a_stream_is_streaming_and_one_consuming_it_is_generation() => VerifyAsync(
        RetryTestSupport.Usings + """
        using System.Text;
        using MChat = Microsoft.Extensions.AI.ChatMessage;
        class Assistant
        {
            async IAsyncEnumerable<string> StreamAsync(IChatClient client)
            {
                await foreach (var u in client.{|#0:GetStreamingResponseAsync|}("hi")) { yield return u.Text; }
            }

            async Task<string> CollectAsync(IChatClient client)
            {
                var sb = new StringBuilder();
                await foreach (var s in {|#1:StreamAsync|}(client)) { sb.Append(s); }
                return sb.ToString();
            }

            Task<string> OuterAsync(IChatClient client) => {|#2:CollectAsync|}(client);

            async Task ShowAsync(IChatClient client)
            {
                await foreach (var s in {|#3:StreamAsync|}(client)) { Console.Write(s); }
            }
        }
        """,
        Call(0, "Streaming", "MicrosoftExtensionsAI"),
        Call(1, "Generation", "Project"), // the await foreach only appends to a local: collected on the spot
        Call(2, "Generation", "Project"),
        Call(3, "Streaming", "Project"));

    [Fact]
    public Task No_sdk_referenced_no_calls() => VerifyAsync(
        """
        class C { void M() { M(); } }
        """,
        ReferenceAssemblies.FrameworkOnly,
        globalConfig: null);

    /// <summary>The framework and AiLint.Annotations, as in a project that installs AiLint but uses no SDK.</summary>
    private static System.Collections.Immutable.ImmutableArray<MetadataReference> FrameworkAndAnnotations(params MetadataReference[] more) =>
        ReferenceAssemblies.FrameworkOnly
            .Add(MetadataReference.CreateFromFile(typeof(AiLint.LlmCallAttribute).Assembly.Location))
            .AddRange(more);

    [Fact]
    public void Annotations_referenced_but_never_applied_no_recognizer()
    {
        // The package references AiLint.Annotations everywhere: without an SDK, a configured method or an applied
        // [LlmCall], nothing can be an LLM call, so analyzers stop at compilation start.
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoLlm",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { void M() { M(); } string S => \"LlmCal\"; }") },
            FrameworkAndAnnotations(),
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty);
        Assert.Null(AiLint.Analyzers.LlmCalls.LlmCallRecognizer.TryGetCompilationInstance(compilation, options));

        // Applied in source (even far down a long file, across the scan's chunk boundary): recognised.
        var applied = compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
            new string(' ', 4093) + "class G { [AiLint.LlmCall] public void Ask() { } }"));
        Assert.NotNull(AiLint.Analyzers.LlmCalls.LlmCallRecognizer.TryGetCompilationInstance(applied, options));
    }

    [Fact]
    public Task LlmCall_attribute_without_sdk() => VerifyAsync(
        """
        using System.Threading.Tasks;
        using AiLint;
        class Gateway
        {
            [LlmCall] public Task<string> AskAsync(string q) => Task.FromResult(q);
        }
        class C
        {
            async Task M(Gateway g) => await g.{|#0:AskAsync|}("q");
        }
        """,
        FrameworkAndAnnotations(),
        globalConfig: null,
        Call(0, "Generation", "Annotated"));

    [Fact]
    public Task LlmCall_attribute_spelled_with_unicode_escapes_without_sdk() => VerifyAsync(
        """
        using System.Threading.Tasks;
        using Gen = AiLint;
        class Gateway
        {
            [Gen.Llm\u0043all] public Task<string> AskAsync(string q) => Task.FromResult(q);
        }
        class C
        {
            async Task M(Gateway g) => await g.{|#0:AskAsync|}("q");
        }
        """,
        FrameworkAndAnnotations(),
        globalConfig: null,
        Call(0, "Generation", "Annotated"));

    [Fact]
    public Task LlmCall_attribute_in_a_referenced_library_without_sdk()
    {
        var library = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Gateways",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("""
                namespace Gateways
                {
                    public class Gateway
                    {
                        [AiLint.LlmCall] public System.Threading.Tasks.Task<string> AskAsync(string q) => System.Threading.Tasks.Task.FromResult(q);
                    }
                }
                """) },
            FrameworkAndAnnotations(),
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new System.IO.MemoryStream();
        Assert.True(library.Emit(image).Success);

        return VerifyAsync(
            """
            using System.Threading.Tasks;
            class C
            {
                async Task M(Gateways.Gateway g) => await g.{|#0:AskAsync|}("q");
            }
            """,
            FrameworkAndAnnotations(MetadataReference.CreateFromImage(image.ToArray())),
            globalConfig: null,
            Call(0, "Generation", "Annotated"));
    }

    [Fact]
    public async Task Half_typed_code_does_not_crash()
    {
        var test = new AnalyzerTest<LlmCallProbeAnalyzer>
        {
            TestCode = RetryTestSupport.Usings + """
                class C
                {
                    async Task M(ChatClient chat)
                    {
                        await chat.{|#0:CompleteChatAsync|}("complete");
                        await chat.CompleteChatAsync(
                        await chat.Unknown();
                        await Missing(chat)
                        var x = new ChatClient(;
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Call(0, "Generation", "OpenAI"));
        await test.RunAsync();
    }

    [Fact]
    public async Task One_recognizer_per_compilation_and_options()
    {
        var project = TestProjectBuilder.Create(
            new[] { ("/0/Test0.cs", "class C { }") },
            Array.Empty<(string, string)>(),
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest);
        var compilation = (await project.GetCompilationAsync())!;

        var first = AiLint.Analyzers.LlmCalls.LlmCallRecognizer.TryGetCompilationInstance(compilation, project.AnalyzerOptions);
        var second = AiLint.Analyzers.LlmCalls.LlmCallRecognizer.TryGetCompilationInstance(compilation, project.AnalyzerOptions);
        Assert.NotNull(first);
        Assert.Same(first, second);

        var frameworkOnly = compilation.WithReferences(ReferenceAssemblies.FrameworkOnly);
        Assert.Null(AiLint.Analyzers.LlmCalls.LlmCallRecognizer.TryGetCompilationInstance(frameworkOnly, project.AnalyzerOptions));
    }
}
