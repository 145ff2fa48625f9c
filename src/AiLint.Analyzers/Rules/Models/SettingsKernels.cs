using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Which kernels a Semantic Kernel <c>OpenAIPromptExecutionSettings</c> object is sent to, when the code shows it:
    /// the settings (created there, held in a local of the member, or held in a private field of the type: initialised
    /// there or assigned in the constructor) go into <c>new KernelArguments(settings)</c> or straight into a request, and
    /// the request's kernel is a local of the member, or a private/readonly field of the type, built from
    /// <c>Kernel.CreateBuilder()</c> with every chat service in view. A settings <c>ModelId</c> picks one of that
    /// kernel's services, so a kernel whose only chat services are the OpenAI connector on OpenAI's own server makes the
    /// id an OpenAI model id, whatever other kernels of the project talk to (GitHub Models, a local server). Anything not
    /// shown (settings returned, held in a field other types can read, or passed to a helper; a kernel injected, built
    /// from DI, or a builder handed its <c>Services</c>) leaves the link unknown, and the caller keeps its project-wide
    /// answer.
    /// </summary>
    internal static class SettingsKernels
    {
        // Hops from the settings to a request: a settings local, a KernelArguments object, a KernelArguments local.
        private const int MaxHops = 4;

        /// <summary>
        /// Whether the request holding this <c>ModelId</c> write may go to a server other than OpenAI's: false when the
        /// settings are visibly sent only to kernels whose chat services all go to OpenAI; otherwise the project-wide
        /// answer (<see cref="KnownModelSymbols.ProjectRedirectsOpenAI"/>). That answer is cached and usually false, so
        /// the link is only looked for when it could change it.
        /// </summary>
        public static bool MayGoElsewhere(ISimpleAssignmentOperation modelWrite, KnownModelSymbols symbols, CancellationToken cancellationToken) =>
            symbols.ProjectRedirectsOpenAI(cancellationToken)
            && !SentOnlyToKernels(modelWrite, symbols, call => StepGoesOnlyToOpenAI(call, symbols, cancellationToken), cancellationToken);

        /// <summary>
        /// Whether the settings holding this <c>ModelId</c> write are visibly sent only to kernels whose every chat service
        /// is Semantic Kernel's Azure OpenAI connector (<c>AddAzureOpenAIChatCompletion(deploymentName, endpoint, apiKey,
        /// modelId: "gpt-4o")</c>): the id then only picks the service labelled with it, a deployment's label, and pinning
        /// it to a dated snapshot would match no service (reviewer 12, FP1).
        /// </summary>
        public static bool SentOnlyToAzureKernels(ISimpleAssignmentOperation modelWrite, KnownModelSymbols symbols, CancellationToken cancellationToken) =>
            SentOnlyToKernels(modelWrite, symbols, call => StepGoesOnlyToAzure(call, symbols), cancellationToken);

        private static bool SentOnlyToKernels(ISimpleAssignmentOperation modelWrite, KnownModelSymbols symbols, System.Func<IInvocationOperation, bool> step, CancellationToken cancellationToken)
        {
            if (symbols.SemanticKernel == null || modelWrite.Target is not IPropertyReferenceOperation property
                || modelWrite.SemanticModel?.Compilation is not { } compilation)
            {
                return false;
            }

            IOperation? settings = property.Instance switch
            {
                // new OpenAIPromptExecutionSettings { ModelId = "o4-mini" }
                IInstanceReferenceOperation when modelWrite.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } => creation,
                // settings.ModelId = "o4-mini";
                ILocalReferenceOperation local => local,
                // _settings.ModelId = "o4-mini";
                IFieldReferenceOperation field => field,
                _ => null,
            };
            if (settings == null || !symbols.IsSemanticKernelOpenAISettings(settings.Type))
            {
                return false;
            }

            var kernels = new List<IOperation>();
            var sent = settings switch
            {
                ILocalReferenceOperation { Local: var holder } => ReadsSent(holder, symbols, compilation, kernels, hops: 0, cancellationToken),
                IFieldReferenceOperation { Field: var holder } => FieldReadsSent(holder, symbols, compilation, kernels, hops: 0, cancellationToken),
                _ => Sent(settings, symbols, compilation, kernels, hops: 0, cancellationToken),
            };
            return sent && kernels.Count > 0
                && kernels.All(kernel => KernelGoesOnlyTo(kernel, step, symbols, compilation, cancellationToken));
        }

        /// <summary>
        /// Follows a value holding the settings to the requests it is sent with, adding each request's kernel; false when
        /// it goes anywhere not followed.
        /// </summary>
        private static bool Sent(IOperation value, KnownModelSymbols symbols, Compilation compilation, List<IOperation> kernels, int hops, CancellationToken cancellationToken)
        {
            if (hops > MaxHops)
            {
                return false;
            }

            var current = value;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            switch (current.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } }:
                    return ReadsSent(local, symbols, compilation, kernels, hops + 1, cancellationToken);
                case IFieldInitializerOperation { InitializedFields: { Length: 1 } fields }:
                    // private readonly OpenAIPromptExecutionSettings _settings = new() { ModelId = "o4-mini" };
                    return FieldReadsSent(fields[0], symbols, compilation, kernels, hops + 1, cancellationToken);
                case ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Field: var field }, Parent: IExpressionStatementOperation } assignment
                    when assignment.Value == current:
                    // _settings = new OpenAIPromptExecutionSettings { ModelId = "o4-mini" }; in the constructor
                    return FieldReadsSent(field, symbols, compilation, kernels, hops + 1, cancellationToken);
                case IArgumentOperation { Parent: IObjectCreationOperation arguments } when symbols.IsKernelArguments(arguments.Type):
                    // new KernelArguments(settings), new(settings)
                    return Sent(arguments, symbols, compilation, kernels, hops + 1, cancellationToken);
                case IArgumentOperation { Parent: IInvocationOperation request }:
                    // kernel.InvokePromptAsync(prompt, arguments), function.InvokeAsync(kernel, arguments)
                    if (KernelOf(request, symbols) is not { } kernel)
                    {
                        return false;
                    }

                    kernels.Add(kernel);
                    return true;
                case IPropertyReferenceOperation read when read.Instance == current:
                    // settings.Temperature = 0.2; settings.ModelId: a member of the settings, not a send.
                    return true;
                default:
                    return false;
            }
        }

        // Every read of a settings or arguments local in its member is a send that is followed.
        private static bool ReadsSent(ILocalSymbol local, KnownModelSymbols symbols, Compilation compilation, List<IOperation> kernels, int hops, CancellationToken cancellationToken)
        {
            foreach (var read in MemberLocals.LocalReads(local, compilation, cancellationToken))
            {
                if (!Sent(read, symbols, compilation, kernels, hops, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        // Every read of a private settings field in its type is a send that is followed (writes are not reads: whatever
        // the field holds goes only where its reads go). A field passed by ref, or one other types can read, is not.
        private static bool FieldReadsSent(IFieldSymbol field, KnownModelSymbols symbols, Compilation compilation, List<IOperation> kernels, int hops, CancellationToken cancellationToken)
        {
            if (field.DeclaredAccessibility != Accessibility.Private || !symbols.IsSemanticKernelOpenAISettings(field.Type))
            {
                return false;
            }

            foreach (var reference in FieldReferences(field, compilation, cancellationToken))
            {
                if (reference.Parent is ISimpleAssignmentOperation written && written.Target == reference)
                {
                    continue;
                }

                if (reference.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None }
                    || !Sent(reference, symbols, compilation, kernels, hops, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        // References to a field in the declarations of its type (`_settings` and `this._settings`), bound on demand.
        private static IEnumerable<IFieldReferenceOperation> FieldReferences(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var part in field.ContainingType.DeclaringSyntaxReferences)
            {
                var scope = part.GetSyntax(cancellationToken);
                var model = LlmCalls.SourceBodies.GetSemanticModel(compilation, scope.SyntaxTree);
                foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText != field.Name)
                    {
                        continue;
                    }

                    SyntaxNode node = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
                    if (model.GetOperation(node, cancellationToken) is IFieldReferenceOperation read
                        && SymbolEqualityComparer.Default.Equals(read.Field, field))
                    {
                        yield return read;
                    }
                }
            }
        }

        // The kernel a request runs on: its receiver, or the Kernel an extension method extends. A chat service's own
        // request (GetChatMessageContentAsync(history, settings, kernel)) goes to that service, and a function's
        // (function.InvokeAsync(kernel, arguments)) is not followed: the link stays unknown.
        private static IOperation? KernelOf(IInvocationOperation request, KnownModelSymbols symbols)
        {
            if (request.Instance != null && symbols.IsKernel(request.Instance.Type))
            {
                return request.Instance;
            }

            if (request.Instance == null && request.TargetMethod.IsExtensionMethod && request.Arguments.Length > 0
                && symbols.IsKernel(request.Arguments[0].Parameter?.Type))
            {
                // kernel.InvokePromptAsync(prompt, arguments), an extension on Kernel.
                return request.Arguments[0].Value;
            }

            return null;
        }

        /// <summary>
        /// A kernel local of the member whose every write is <c>Kernel.CreateBuilder()...Build()</c> (or <c>builder.Build()</c>
        /// of a builder local of the member), each of whose steps passes <paramref name="step"/> (the OpenAI connector on
        /// OpenAI's server, or the Azure connector, and calls that register no chat service).
        /// </summary>
        private static bool KernelGoesOnlyTo(IOperation kernel, System.Func<IInvocationOperation, bool> step, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken)
        {
            kernel = ModelIdValue.Unwrap(kernel);
            ISymbol? holder = kernel switch
            {
                ILocalReferenceOperation { Local: var local } => local,
                // A kernel field only its type writes, built in the constructor: _kernel = builder.Build();
                IFieldReferenceOperation { Field: var field } when KernelFieldWrittenOnlyByAssignment(field, compilation, cancellationToken) => field,
                _ => null,
            };
            if (holder == null)
            {
                return false;
            }

            var writes = WrittenValues.Of(holder, compilation, cancellationToken).ToList();
            return writes.Count > 0 && writes.All(written =>
                ModelIdValue.Unwrap(written) is IInvocationOperation build
                && symbols.IsKernelBuild(build.TargetMethod)
                && ChainGoesOnlyTo(MemberLocals.Receiver(build), step, symbols, compilation, depth: 0, cancellationToken));
        }

        // A private or readonly kernel field that its type never passes by ref (WrittenValues sees initializers and
        // assignments only). An injected kernel (`_kernel = kernel;`) is one of those writes and leaves the link unknown.
        private static bool KernelFieldWrittenOnlyByAssignment(IFieldSymbol field, Compilation compilation, CancellationToken cancellationToken)
        {
            if (field.DeclaredAccessibility != Accessibility.Private && !field.IsReadOnly)
            {
                return false;
            }

            foreach (var reference in FieldReferences(field, compilation, cancellationToken))
            {
                if (reference.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None } or IDeconstructionAssignmentOperation
                    || (reference.Parent is ITupleOperation))
                {
                    return false;
                }
            }

            return true;
        }

        // Down a fluent chain to Kernel.CreateBuilder() or a builder local: each step passes the check (a registration of
        // the kind looked for, or a call that registers no chat service).
        private static bool ChainGoesOnlyTo(IOperation? step, System.Func<IInvocationOperation, bool> check, KnownModelSymbols symbols, Compilation compilation, int depth, CancellationToken cancellationToken)
        {
            while (step != null)
            {
                step = ModelIdValue.Unwrap(step);
                switch (step)
                {
                    case IInvocationOperation start when symbols.IsKernelBuilderFactory(start.TargetMethod):
                        return true;
                    case IInvocationOperation call:
                        if (!check(call))
                        {
                            return false;
                        }

                        step = MemberLocals.Receiver(call);
                        break;
                    case ILocalReferenceOperation { Local: var builder } when depth == 0 && symbols.IsKernelBuilder(builder.Type):
                        return BuilderGoesOnlyTo(builder, check, symbols, compilation, cancellationToken);
                    default:
                        return false;
                }
            }

            return false;
        }

        // var builder = Kernel.CreateBuilder(); builder.AddOpenAIChatCompletion(...); builder.Plugins.Add...(); builder.Build()
        private static bool BuilderGoesOnlyTo(ILocalSymbol builder, System.Func<IInvocationOperation, bool> check, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken)
        {
            var writes = WrittenValues.Of(builder, compilation, cancellationToken).ToList();
            if (writes.Count == 0 || !writes.All(written => ChainGoesOnlyTo(written, check, symbols, compilation, depth: 1, cancellationToken)))
            {
                return false;
            }

            foreach (var read in MemberLocals.LocalReads(builder, compilation, cancellationToken))
            {
                // Up the fluent chain from the read: registrations, then Build() or the end of the statement.
                IOperation current = read;
                while (true)
                {
                    var parent = current.Parent;
                    while (parent is IConversionOperation or IParenthesizedOperation)
                    {
                        current = parent;
                        parent = current.Parent;
                    }

                    var call = parent switch
                    {
                        IInvocationOperation invocation when invocation.Instance == current => invocation,
                        IArgumentOperation { Parent: IInvocationOperation invocation, Parameter.Ordinal: 0 }
                            when invocation.Instance == null && invocation.TargetMethod.IsExtensionMethod => invocation,
                        _ => null,
                    };
                    if (call == null)
                    {
                        // builder.Plugins.AddFromType<T>() and a bare statement add no chat service; anything else
                        // (builder.Services, a helper given the builder) may.
                        if (parent is IExpressionStatementOperation
                            || (parent is IPropertyReferenceOperation { Property: var property } && KnownModelSymbols.IsKernelPlugins(property)))
                        {
                            break;
                        }

                        return false;
                    }

                    if (symbols.IsKernelBuild(call.TargetMethod))
                    {
                        break;
                    }

                    if (!check(call))
                    {
                        return false;
                    }

                    current = call;
                }
            }

            return true;
        }

        // The OpenAI connector with no other endpoint, or a builder call that is no chat service (a text embedding
        // registration, logging). Another connector, an endpoint elsewhere, or any other chat registration is not.
        private static bool StepGoesOnlyToOpenAI(IInvocationOperation call, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (KnownModelSymbols.IsOpenAIConnectorRegistration(call.TargetMethod))
            {
                return !AzureDeployments.TakesDeployment(call, symbols, cancellationToken)
                    && !OtherEndpoints.SendsElsewhere(call, symbols, cancellationToken);
            }

            return !call.TargetMethod.Name.Contains("Chat") && !symbols.RegistersChatService(call.TargetMethod);
        }

        // Semantic Kernel's Azure OpenAI connector (its registration takes a deployment name), or a builder call that is no
        // chat service. Any other chat registration, or a service registered by hand, is not.
        private static bool StepGoesOnlyToAzure(IInvocationOperation call, KnownModelSymbols symbols) =>
            KnownModelSymbols.IsChatCompletionRegistration(call.TargetMethod)
                ? call.TargetMethod.Parameters.Any(parameter => parameter.Name == "deploymentName")
                : !call.TargetMethod.Name.Contains("Chat") && !symbols.RegistersChatService(call.TargetMethod);
    }
}
