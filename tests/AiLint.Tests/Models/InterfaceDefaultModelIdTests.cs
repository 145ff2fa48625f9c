using AiLint.Analyzers.Rules.Models;
using AiLint.CodeFixes.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A model id in an interface member's default (review63, StoryGenerator <c>IOpenAIService</c>: <c>Task&lt;string&gt;
/// GenerateTextAsync(..., string model = "gpt-3.5-turbo")</c>, every flow calling through the DI'd interface without
/// passing <c>model</c>; repro Repro/InterfaceDefaultRetiredModel). An omitted argument takes the default of the method
/// the call binds to, so such a call sends the interface's default whatever the implementation declares. Read only
/// where it is provably sent: a call through the interface that omits the argument, the interface's only implementation
/// in the project handing the parameter unchanged to a model slot.
/// </summary>
public class InterfaceDefaultModelIdTests
{
    // The StoryGenerator shape: the implementation's own default ("gemma3") is dead for calls through the interface.
    private const string StoryAi = """
        public interface IStoryAi
        {
            Task<string> GenerateTextAsync(string prompt, string model = {|#0:"gpt-3.5-turbo"|});
        }

        public sealed class OpenAIStoryAi(OpenAIClient client) : IStoryAi
        {
            public async Task<string> GenerateTextAsync(string prompt, string model = "gemma3")
            {
                ChatCompletion completion = await client.GetChatClient(model).CompleteChatAsync(new UserChatMessage(prompt));
                return completion.Content[0].Text;
            }
        }
        """;

    private const string Usings = """
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;

        """;

    // The repro: line 8 sent "gpt-3.5-turbo" and nothing was reported. Two omitting calls, one diagnostic on the default.
    [Fact]
    public Task An_interface_default_omitted_by_calls_through_the_interface_is_reported_once_on_the_default() =>
        VerifyAsync(Usings + StoryAi + """

            public sealed class DescriptionFlow(IStoryAi ai)
            {
                public Task<string> Describe(string text) => ai.GenerateTextAsync(text);
                public Task<string> Title(string text) => ai.GenerateTextAsync("Title: " + text);
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // StoryGenerator keeps the interface in IOpenAIService.cs and the calls in the flows' files: a diagnostic stays in the
    // file being analysed, so each omitting call elsewhere is reported at its argument list (the default itself is not).
    [Fact]
    public Task Calls_in_another_file_are_reported_at_their_argument_lists()
    {
        var test = new AnalyzerTest<ModelAnalyzer>();
        test.Sources.Add(Usings + StoryAi.Replace("{|#0:\"gpt-3.5-turbo\"|}", "\"gpt-3.5-turbo\""));
        test.Sources.Add(("/0/Flows.cs", """
            using System.Threading.Tasks;

            public sealed class DescriptionFlow(IStoryAi ai)
            {
                public Task<string> Describe(string text) => ai.GenerateTextAsync{|#0:(text)|};
                public Task<string> Title(string text) => ai.GenerateTextAsync{|#1:(prompt: "Title: " + text)|};
                public Task<string> Pinned(string text) => ai.GenerateTextAsync(text, "gpt-5.5");
            }
            """));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));
        return test.RunAsync();
    }

    // Correct code beside the bug: every call passes its own id, so the interface's default is never sent (callers are
    // judged by their own argument: the retired "gpt-4" is reported there, the current one is not).
    [Fact]
    public Task A_default_every_call_overrides_is_not_reported_and_each_argument_is_judged_on_its_own() =>
        VerifyAsync(Usings + StoryAi.Replace("{|#0:\"gpt-3.5-turbo\"|}", "\"gpt-3.5-turbo\"") + """

            public sealed class DescriptionFlow(IStoryAi ai)
            {
                public Task<string> Describe(string text) => ai.GenerateTextAsync(text, "gpt-5.5");
                public Task<string> Legacy(string text) => ai.GenerateTextAsync(text, model: {|#0:"gpt-4"|});
                public Task<string> Chosen(string text, string model) => ai.GenerateTextAsync(text, model);
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));

    // No call at all: a default nothing sends is not reported (the interface's default is read at the calls only).
    [Fact]
    public Task An_interface_default_no_call_omits_is_not_reported() =>
        VerifyAsync(Usings + StoryAi.Replace("{|#0:\"gpt-3.5-turbo\"|}", "\"gpt-3.5-turbo\""));

    // An implementation that replaces or ignores the parameter sends something else; its twin that hands the parameter
    // on (ISingle) is reported.
    [Fact]
    public Task An_implementation_that_replaces_or_ignores_the_parameter_keeps_the_default_quiet() =>
        VerifyAsync(Usings + """
            using Microsoft.Extensions.Configuration;

            public interface IReplacing { ChatClient Create(string model = "gpt-3.5-turbo"); }
            public sealed class Replacing(OpenAIClient client, IConfiguration config) : IReplacing
            {
                public ChatClient Create(string model = "gpt-3.5-turbo")
                {
                    model = config["OpenAI:Model"] ?? "gpt-5.5";
                    return client.GetChatClient(model);
                }
            }

            public interface IIgnoring { ChatClient Create(string model = "gpt-3.5-turbo"); }
            public sealed class Ignoring(OpenAIClient client) : IIgnoring
            {
                public ChatClient Create(string model) => client.GetChatClient("gpt-5.5");
            }

            public interface ISingle { ChatClient Create(string model = {|#0:"gpt-3.5-turbo"|}); }
            public sealed class SingleFactory(OpenAIClient client) : ISingle
            {
                public ChatClient Create(string model) => client.GetChatClient(model);
            }

            public sealed class Callers(IReplacing replacing, IIgnoring ignoring, ISingle single)
            {
                public void Run()
                {
                    replacing.Create();
                    ignoring.Create();
                    single.Create();
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // Where the call may run something the project does not show, nothing is read: no implementation in the project,
    // two implementations (the real one and a fake), a virtual implementation, an implementation that sends the value to
    // Azure as a deployment name, a generic interface, a default the table does not know, a [CallerMemberName] parameter.
    // The twin with one plain implementation (IOne) is reported.
    [Fact]
    public Task Calls_whose_implementation_is_unknown_or_not_a_model_slot_are_not_reported() =>
        VerifyAsync(Usings + """
            using System.Runtime.CompilerServices;
            using Azure.AI.OpenAI;

            public interface INone { ChatClient Create(string model = "gpt-3.5-turbo"); }

            public interface ITwo { ChatClient Create(string model = "gpt-3.5-turbo"); }
            public sealed class Real(OpenAIClient client) : ITwo { public ChatClient Create(string model) => client.GetChatClient(model); }
            public sealed class Fake : ITwo { public ChatClient Create(string model) => throw new System.NotSupportedException(model); }

            public interface IVirtual { ChatClient Create(string model = "gpt-3.5-turbo"); }
            public class Virtual(OpenAIClient client) : IVirtual { public virtual ChatClient Create(string model) => client.GetChatClient(model); }

            public interface IAzure { ChatClient Create(string deployment = "gpt-35-turbo"); }
            public sealed class AzureFactory(AzureOpenAIClient azure) : IAzure { public ChatClient Create(string deployment) => azure.GetChatClient(deployment); }

            public interface IGeneric<T> { ChatClient Create(T key, string model = "gpt-3.5-turbo"); }
            public sealed class Generic(OpenAIClient client) : IGeneric<int> { public ChatClient Create(int key, string model) => client.GetChatClient(model); }

            public interface IUnknown { ChatClient Create(string model = "gemma3"); }
            public sealed class Unknown(OpenAIClient client) : IUnknown { public ChatClient Create(string model) => client.GetChatClient(model); }

            public interface ICaller { ChatClient Create([CallerMemberName] string model = "gpt-3.5-turbo"); }
            public sealed class Caller(OpenAIClient client) : ICaller { public ChatClient Create(string model) => client.GetChatClient(model); }

            public interface IOne { ChatClient Create(string model = {|#0:"gpt-3.5-turbo"|}); }
            public sealed class One(OpenAIClient client) : IOne { public ChatClient Create(string model) => client.GetChatClient(model); }

            public sealed class Callers(INone none, ITwo two, IVirtual @virtual, IAzure azure, IGeneric<int> generic, IUnknown unknown, ICaller caller, IOne one)
            {
                public void Run()
                {
                    one.Create();
                    none.Create();
                    two.Create();
                    @virtual.Create();
                    azure.Create();
                    generic.Create(1);
                    unknown.Create();
                    caller.Create();
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // The same method called on the class binds to the class's declaration: its default, not the interface's, is sent
    // (and is checked as any method's default: "gemma3" is unknown). The interface's default is reported only for the
    // call through the interface.
    [Fact]
    public Task A_call_on_the_class_uses_the_class_default_and_a_call_through_the_interface_the_interface_default() =>
        VerifyAsync(Usings + StoryAi.Replace("{|#0:\"gpt-3.5-turbo\"|}", "\"gpt-3.5-turbo\"") + """

            public sealed class Direct(OpenAIStoryAi ai)
            {
                public Task<string> Describe(string text) => ai.GenerateTextAsync(text);
            }
            """);

    [Fact]
    public Task A_call_through_the_interface_beside_a_direct_call_is_reported() =>
        VerifyAsync(Usings + StoryAi + """

            public sealed class Flows(OpenAIStoryAi direct, IStoryAi ai)
            {
                public Task<string> Direct(string text) => direct.GenerateTextAsync(text);
                public Task<string> Through(string text) => ai.GenerateTextAsync(text);
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));

    // StoryGenerator's structured-output members are generic (GenerateStructuredOutputAsync<T>): the type argument does
    // not change which method runs, so the omitted default is read as for any member, and a constant passed there is
    // read at its argument as through any member of the interface. The generic member's twin with two
    // implementations stays quiet.
    [Fact]
    public Task A_generic_member_of_the_interface_is_followed_like_any_member() =>
        VerifyAsync(Usings + """
            using System.Text.Json;

            public interface IStructuredAi
            {
                Task<T> GenerateStructuredOutputAsync<T>(string prompt, string model = {|#0:"gpt-3.5-turbo"|}) where T : class;
            }

            public sealed class OpenAIStructuredAi(OpenAIClient client) : IStructuredAi
            {
                public async Task<T> GenerateStructuredOutputAsync<T>(string prompt, string model = "gemma3") where T : class
                {
                    ChatCompletion completion = await client.GetChatClient(model).CompleteChatAsync(new UserChatMessage(prompt));
                    return JsonSerializer.Deserialize<T>(completion.Content[0].Text)!;
                }
            }

            public interface ITwoStructured { Task<T> Generate<T>(string model = "gpt-3.5-turbo") where T : class; }
            public sealed class RealStructured(OpenAIClient client) : ITwoStructured
            {
                public async Task<T> Generate<T>(string model) where T : class =>
                    JsonSerializer.Deserialize<T>((await client.GetChatClient(model).CompleteChatAsync("x")).Value.Content[0].Text)!;
            }
            public sealed class FakeStructured : ITwoStructured
            {
                public Task<T> Generate<T>(string model) where T : class => Task.FromResult<T>(null!);
            }

            public sealed record Outline(string Title);

            public sealed class Flows(IStructuredAi ai, ITwoStructured two)
            {
                public Task<Outline> Describe(string text) => ai.GenerateStructuredOutputAsync<Outline>(text);
                public Task<Outline> Legacy(string text) => ai.GenerateStructuredOutputAsync<Outline>(text, {|#1:"gpt-4"|});
                public Task<Outline> Either() => two.Generate<Outline>();
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""));

    // The diagnostic sits on the interface's literal, so the id fix edits the id the calls send.
    [Fact]
    public Task The_fix_moves_the_interface_default_to_the_successor() => new CodeFixTest<ModelAnalyzer, ReplaceModelIdCodeFixProvider>
    {
        TestCode = """
            using OpenAI;
            using OpenAI.Chat;
            public interface IFactory { ChatClient Create(string model = {|AIL0503:"gemini-3-pro-preview"|}); }
            public sealed class Factory(OpenAIClient client) : IFactory { public ChatClient Create(string model) => client.GetChatClient(model); }
            public sealed class Caller(IFactory factory) { public ChatClient Run() => factory.Create(); }
            """,
        FixedCode = """
            using OpenAI;
            using OpenAI.Chat;
            public interface IFactory { ChatClient Create(string model = "gemini-3.1-pro-preview"); }
            public sealed class Factory(OpenAIClient client) : IFactory { public ChatClient Create(string model) => client.GetChatClient(model); }
            public sealed class Caller(IFactory factory) { public ChatClient Run() => factory.Create(); }
            """,
    }.RunAsync();

    // Half-typed code on this path: a default with no value, a missing argument, an unresolved interface, a broken
    // implementation. Nothing crashes; the well-typed call at the end is still reported.
    [Fact]
    public Task Half_typed_code_on_the_interface_default_path_does_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = Usings + """
                public interface IBroken { ChatClient Create(string model = ); ChatClient Other(string key, string model = "gpt-3.5-turbo"); }
                public sealed class Broken(OpenAIClient client) : IBroken
                {
                    public ChatClient Create(string model) => client.GetChatClient(model;
                    public ChatClient Other(string key, string model) => client.GetChatClient(model);
                }

                public interface IFine { ChatClient Create(string model = {|#0:"gpt-3.5-turbo"|}); }
                public sealed class Fine(OpenAIClient client) : IFine { public ChatClient Create(string model) => client.GetChatClient(model); }

                public sealed class Callers(IBroken broken, IMissing missing, IFine fine)
                {
                    public void Run()
                    {
                        broken.Create();
                        broken.Other();
                        broken.Other(, );
                        missing.Create();
                        fine.Create(
                        fine.Create();
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo", "2026-10-23", ""));
        return test.RunAsync();
    }
}
