using static AiLint.Tests.Prompts.PromptSetOverrideTests;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// The other shapes of a property another type supplies the body of (ImplementedPropertyPrompts): a virtual property
/// whose base body and overrides are all constant, and an interface property implemented by several classes, directly
/// or through an abstract base class. The abstract "prompt set" of review77 is in <see cref="PromptSetOverrideTests"/>.
/// </summary>
public class VirtualAndInterfacePropertyPromptTests
{
    // A virtual property whose base body and every override are constant: all of them reach the slot.
    [Fact]
    public Task A_virtual_property_with_constant_overrides_reports_the_base_and_each_override() =>
        VerifyFilesAsync(
            new[]
            {
                """
                namespace Sts.PromptSets
                {
                    public class Assistant
                    {
                        public virtual string {|#0:Instructions|} => "You are a helpful assistant for school staff. Answer briefly.";
                    }

                    public class SafeguardingAssistant : Assistant
                    {
                        public override string {|#1:Instructions|} => "You are a safeguarding adviser. Never give legal advice; refer the user to the designated lead.";
                    }
                }
                """,
                """
                using Microsoft.Extensions.AI;
                using Sts.PromptSets;
                namespace Sts.Services
                {
                    public static class Requests
                    {
                        public static ChatOptions For(Assistant assistant) => new ChatOptions { Instructions = assistant.Instructions };
                    }
                }
                """,
            },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Sts.PromptSets.Assistant.Instructions"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Sts.PromptSets.SafeguardingAssistant.Instructions"));

    // Interfaces: a string property implemented by several classes the same way, one of them through an abstract base
    // whose subclasses override it. A data-only text there (`"none"`) is a placeholder word, not a prompt.
    [Fact]
    public Task An_interface_property_implemented_by_constant_properties_is_followed_to_each() =>
        VerifyFilesAsync(
            new[]
            {
                """
                namespace Tutor
                {
                    public interface ITask { string SystemMessage { get; } }

                    public sealed class Explain : ITask
                    {
                        public string {|#0:SystemMessage|} => "You are a patient maths tutor. Explain each step in plain English.";
                    }

                    public abstract class Marking : ITask
                    {
                        public abstract string SystemMessage { get; }
                    }

                    public sealed class EssayMarking : Marking
                    {
                        public override string {|#1:SystemMessage|} => "You mark essays against the rubric. Return only the grade and one sentence of feedback.";
                    }

                    public sealed class Blank : ITask
                    {
                        string ITask.SystemMessage => "none";
                    }
                }
                """,
                """
                using Microsoft.Extensions.AI;
                namespace Tutor
                {
                    public static class Conversation
                    {
                        public static ChatMessage Start(ITask task) => new ChatMessage(ChatRole.System, task.SystemMessage);
                    }
                }
                """,
            },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Tutor.Explain.SystemMessage"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Tutor.EssayMarking.SystemMessage"));

    // An interface implemented once by a property whose value is the caller's: the set is open.
    [Fact]
    public Task An_interface_with_a_run_time_implementation_is_quiet() =>
        VerifyFilesAsync(
            new[]
            {
                """
                using Microsoft.Extensions.AI;
                namespace Tutor
                {
                    public interface ITask { string SystemMessage { get; } }
                    public sealed class Explain : ITask { public string SystemMessage => "You are a patient maths tutor. Explain each step."; }
                    public sealed record Custom(string SystemMessage) : ITask;
                    public static class Conversation
                    {
                        public static ChatMessage Start(ITask task) => new ChatMessage(ChatRole.System, task.SystemMessage);
                    }
                }
                """,
            });
}
