using System.Collections.Generic;
using System.Collections.Immutable;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// What only the end of a member reads, and only when it has sampling settings or a test fixture's request to link:
    /// the calls that hand over an options object, and whether the member reaches a kernel or chat service it did not
    /// build. Found by a second walk of the member's operations on first need.
    /// </summary>
    /// <remarks>
    /// Why (docs/performance.md, "2026-12-06, session 37"): the first walk used to test every argument of every call
    /// (<see cref="MayCarryOptions"/>) and every parameter, field and property reference (the kernel test) of every
    /// member, about a quarter of its CPU on the benchmark corpus, although nearly every member sets no sampling
    /// parameter and so never reads the answers. The second walk visits the same operations in the same order, so the
    /// calls are listed in the order the first walk listed them, and the answers are the same.
    /// </remarks>
    internal sealed partial class ModelUses
    {
        // The member's operation blocks, for the second walk.
        private ImmutableArray<IOperation> blocks;

        private bool secondWalkDone;
        private List<IOperation>? callsWithOptions;

        // A kernel or chat completion service the member did not build (a parameter, a field, a property, a factory of
        // the project): settings may be sent there, to whatever model it serves, rather than to this member's registration.
        private bool usesKernelFromElsewhere;

        /// <summary>The member's calls that hand over an options object (<see cref="OptionsIn"/>), in the walk's order; null when none does.</summary>
        private List<IOperation>? CallsWithOptions
        {
            get
            {
                WalkAgain();
                return callsWithOptions;
            }
        }

        private bool UsesKernelFromElsewhere
        {
            get
            {
                WalkAgain();
                return usesKernelFromElsewhere;
            }
        }

        /// <summary>A Semantic Kernel chat service registration: <c>AddOpenAIChatCompletion(...)</c>, or the project's own service registered with DI.</summary>
        private static bool IsChatServiceRegistration(IInvocationOperation invocation, KnownModelSymbols symbols) =>
            KnownModelSymbols.IsChatCompletionRegistration(invocation.TargetMethod) || symbols.RegistersChatService(invocation.TargetMethod);

        private void WalkAgain()
        {
            if (secondWalkDone)
            {
                return;
            }

            secondWalkDone = true;
            var kernels = symbols.SemanticKernel != null;
            foreach (var block in blocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    switch (operation.Kind)
                    {
                        case OperationKind.Invocation:
                            var invocation = (IInvocationOperation)operation;
                            if (kernels && !usesKernelFromElsewhere && !IsChatServiceRegistration(invocation, symbols) && symbols.IsKernelOrChatService(invocation.Type)
                                && invocation.SemanticModel?.Compilation is { } compilation && SourceBodies.IsInSource(invocation.TargetMethod, compilation))
                            {
                                usesKernelFromElsewhere = true;
                            }

                            RememberCallWithOptions(invocation, invocation.Arguments);
                            break;
                        case OperationKind.ObjectCreation:
                            var creation = (IObjectCreationOperation)operation;
                            RememberCallWithOptions(creation, creation.Arguments);
                            break;
                        case OperationKind.ParameterReference:
                        case OperationKind.FieldReference:
                        case OperationKind.PropertyReference:
                            // A kernel read (`kernel.InvokePromptAsync(...)`, `_kernel`); the target of an assignment is
                            // written, not reached.
                            if (kernels && !usesKernelFromElsewhere && (symbols.IsKernelOrChatService(operation.Type) || operation.Type is { TypeKind: TypeKind.Error })
                                && !(operation.Parent is ISimpleAssignmentOperation target && target.Target == operation))
                            {
                                usesKernelFromElsewhere = true;
                            }

                            break;
                        case OperationKind.Invalid:
                            // Code that does not bind (half-typed, a missing reference) may be the kernel the settings
                            // go to: never link them to this member's registration on a guess.
                            usesKernelFromElsewhere |= kernels;
                            break;
                    }
                }
            }
        }
    }
}
