using static AiLint.Tests.Prompts.PromptSetOverrideTests;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Virtual prompt methods (ImplementedMethodPrompts): a class's own constant body and its subclasses' constant overrides
/// are all prompts when the project overrides the method at least once and every body is constant. A virtual method
/// nothing here overrides stays unfollowed (an extension point, as AssembledPromptTests' <c>Persona()</c> shows), and
/// a <c>base.</c> call runs one known body, not the set.
/// </summary>
public class VirtualPromptMethodTests
{
    // A virtual method: its own body runs for the class itself and for a subclass that does not override it.
    [Fact]
    public Task A_virtual_prompt_method_reports_its_own_constant_body_and_each_override() =>
        VerifyFilesAsync(
            new[]
            {
                """
                using Microsoft.Extensions.AI;
                namespace Bots
                {
                    public class ChatBot
                    {
                        protected virtual string {|#0:GetInstructions|}() => "You are a friendly assistant. Keep every answer under 100 words.";
                        public ChatOptions Options() => new ChatOptions { Instructions = GetInstructions() };
                    }

                    public class PirateBot : ChatBot
                    {
                        protected override string {|#1:GetInstructions|}() => "You are a pirate. Always answer in pirate speak.";
                    }

                    public sealed class QuietPirateBot : PirateBot { }
                }
                """,
            },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Bots.ChatBot.GetInstructions"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Bots.PirateBot.GetInstructions"));

    // A virtual method whose own body is computed runs for every subclass that does not override it: open.
    [Fact]
    public Task A_virtual_method_with_a_run_time_base_body_is_quiet() =>
        VerifyFilesAsync(
            new[]
            {
                """
                using Microsoft.Extensions.AI;
                namespace Bots
                {
                    public class ChatBot
                    {
                        private readonly string _persona;
                        public ChatBot(string persona) => _persona = persona;
                        protected virtual string GetInstructions() => _persona;
                        public ChatOptions Options() => new ChatOptions { Instructions = GetInstructions() };
                    }

                    public class PirateBot : ChatBot
                    {
                        public PirateBot() : base("pirate") { }
                        protected override string GetInstructions() => "You are a pirate. Always answer in pirate speak.";
                    }
                }
                """,
            });

    // Nothing in the project overrides the virtual method: it is a hook for code elsewhere, and stays unfollowed.
    [Fact]
    public Task A_virtual_method_nothing_overrides_is_not_followed() =>
        VerifyFilesAsync(
            new[]
            {
                """
                using Microsoft.Extensions.AI;
                namespace Bots
                {
                    public class ChatBot
                    {
                        protected virtual string GetInstructions() => "You are a friendly assistant. Keep every answer under 100 words.";
                        public ChatOptions Options() => new ChatOptions { Instructions = GetInstructions() };
                    }

                    public sealed class PlainBot : ChatBot { }
                }
                """,
            });

    // `base.GetInstructions()` is not a virtual call: the subclass's own override is not what it sends.
    [Fact]
    public Task A_base_call_does_not_report_the_overrides() =>
        VerifyFilesAsync(
            new[]
            {
                """
                using Microsoft.Extensions.AI;
                namespace Bots
                {
                    public class ChatBot
                    {
                        protected virtual string GetInstructions() => "You are a friendly assistant. Keep every answer under 100 words.";
                    }

                    public class PirateBot : ChatBot
                    {
                        protected override string GetInstructions() => "You are a pirate. Always answer in pirate speak.";
                        public ChatOptions Plain() => new ChatOptions { Instructions = base.GetInstructions() };
                    }
                }
                """,
            });
}
