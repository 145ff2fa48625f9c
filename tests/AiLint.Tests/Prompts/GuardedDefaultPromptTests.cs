using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using AnalyzerTest = AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A prompt parameter or local given its default in the method body when it is null or empty (review87 Repo 4,
/// KernelHost.GetRewriteFunction: <c>if (String.IsNullOrWhiteSpace(prompt)) { prompt = """You are a helpful editor ..."""; }</c>;
/// the statement form <c>prompt ??= "..."</c>). The default is followed exactly like the fallback of <c>??</c> at the
/// slot: reported on the literal, named after the containing member. Beside it, the code that stays quiet: a default
/// read from the user, an assignment not guarded by a test of that same variable, a default in the else branch or
/// after the slot, and a question given as the default of a single-turn request.
/// </summary>
public class GuardedDefaultPromptTests
{
    [Fact]
    public Task Default_template_assigned_under_a_whitespace_test_is_a_prompt() =>
        VerifyAsync(
            """"
            using System;
            using Microsoft.SemanticKernel;
            namespace ai.SemanticKernel.Library;
            public class KernelHost
            {
                private Kernel _kernel = Kernel.CreateBuilder().Build();

                public KernelFunction GetRewriteFunction(string prompt = null)
                {
                    if (String.IsNullOrWhiteSpace(prompt))
                    {
                        prompt = {|#0:"""
                            You are a helpful editor.
                            Rewrite the following text to be clear and concise. {{$input}}
                            """|};
                    }

                    var func = _kernel.CreateFunctionFromPrompt(promptTemplate: prompt, functionName: "rewrite");
                    return func;
                }
            }
            """",
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("ai.SemanticKernel.Library.KernelHost.GetRewriteFunction"));

    // The statement form `??=`, an `is null` test without braces and a local defaulted under IsNullOrEmpty; the local's
    // initializer (configuration) is followed as before and is not a prompt.
    [Fact]
    public Task Coalesce_assignment_is_null_and_is_null_or_empty_defaults_are_prompts() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Editor;
            public sealed class Personas
            {
                public ChatMessage Rewrite(string prompt = null)
                {
                    prompt ??= {|#0:"You are a helpful editor. Rewrite the text to be clear and concise."|};
                    return new ChatMessage(ChatRole.System, prompt);
                }

                public ChatMessage Review(string prompt)
                {
                    if (prompt is null) prompt = {|#1:"You are a strict code reviewer. Point out every bug you find."|};
                    return new ChatMessage(ChatRole.System, prompt);
                }

                public ChatMessage Configured()
                {
                    var system = Environment.GetEnvironmentVariable("PERSONA");
                    if (string.IsNullOrEmpty(system))
                    {
                        system = {|#2:"You are a travel agent. Always answer in one paragraph."|};
                    }

                    return new ChatMessage(ChatRole.System, system);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Editor.Personas.Rewrite"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Editor.Personas.Review"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Editor.Personas.Configured"));

    // The default and the caller's own constant are both prompts: the parameter is still followed to its callers.
    [Fact]
    public Task Caller_constant_and_body_default_are_both_prompts() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Editor;
            public sealed class Personas
            {
                public ChatMessage Rewrite(string prompt)
                {
                    if (string.IsNullOrWhiteSpace(prompt) || prompt.Length == 0)
                    {
                        prompt = {|#0:"You are a helpful editor. Rewrite the text to be clear and concise."|};
                    }

                    return new ChatMessage(ChatRole.System, prompt);
                }

                public ChatMessage Poet() => Rewrite({|#1:"You are a poet. Rewrite the text as a sonnet."|});
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Editor.Personas.Rewrite"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Editor.Personas.Poet"));

    [Fact]
    public Task Unguarded_user_else_branch_and_later_defaults_stay_quiet() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Editor;
            public sealed class Quiet(IChatClient chat)
            {
                // The user's own text as the default: not a prompt in code.
                public ChatMessage FromUser(string prompt)
                {
                    if (string.IsNullOrEmpty(prompt)) prompt = Console.ReadLine();
                    return new ChatMessage(ChatRole.System, prompt);
                }

                // Not guarded by a test of this variable: assigned again with = (the page's limit).
                public ChatMessage Unguarded()
                {
                    var system = Environment.GetEnvironmentVariable("PERSONA");
                    system = "You are a travel agent. Always answer in one paragraph.";
                    return new ChatMessage(ChatRole.System, system);
                }

                // Guarded by a test of another variable.
                public ChatMessage OtherTest(string prompt, string mode)
                {
                    if (string.IsNullOrEmpty(mode)) prompt = "You are a travel agent. Always answer in one paragraph.";
                    return new ChatMessage(ChatRole.System, prompt);
                }

                // Assigned when the text is NOT empty.
                public ChatMessage ElseBranch(string prompt)
                {
                    if (prompt is null) { } else { prompt = "You are a travel agent. Always answer in one paragraph."; }
                    return new ChatMessage(ChatRole.System, prompt);
                }

                // Defaulted only after the slot has read it.
                public ChatMessage After(string prompt)
                {
                    var message = new ChatMessage(ChatRole.System, prompt);
                    prompt ??= "You are a travel agent. Always answer in one paragraph.";
                    return message;
                }

                // A question as the default of a single-turn request: the demo's question, not a prompt.
                public async Task<string> Ask(string question = null)
                {
                    question ??= "What is the capital of France?";
                    return (await chat.GetResponseAsync(question)).Text;
                }
            }
            """);

    [Fact]
    public Task Half_typed_defaults_do_not_crash_or_report()
    {
        var test = new AnalyzerTest
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                namespace Editor;
                public sealed class Typing
                {
                    public ChatMessage A(string prompt)
                    {
                        if (string.IsNullOrEmpty(prompt)) prompt = ;
                        return new ChatMessage(ChatRole.System, prompt);
                    }

                    public ChatMessage B(string prompt)
                    {
                        if (string.IsNullOrEmpty(missing)) prompt = Missing.Text;
                        prompt ??= ;
                        return new ChatMessage(ChatRole.System, prompt);
                    }

                    public ChatMessage C(Unknown prompt)
                    {
                        if (prompt is null) prompt = new Unknown();
                        return new ChatMessage(ChatRole.System, prompt);
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };

        // Nothing here is constant text: no report, no crash.
        return test.RunAsync();
    }
}
