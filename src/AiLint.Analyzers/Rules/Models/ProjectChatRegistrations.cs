using System;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The project's only Semantic Kernel chat service, when DI registers exactly one and nothing else can serve a
    /// kernel: <c>builder.Services.AddOpenAIChatCompletion("o3-mini", key)</c> or
    /// <c>services.AddKernel().AddOpenAIChatCompletion(...)</c> in Program.cs, with a handler or controller that takes
    /// <c>Kernel</c> from DI. Any second service makes the answer "none": another chat completion registration (any
    /// provider, any builder), a chat completion service created or registered by hand, an <c>IChatClient</c>
    /// registration (Semantic Kernel serves prompts through one too), or a registration the project calls in a library
    /// of its own (<c>services.AddMyAi()</c> from another assembly), which may register anything, a registration through
    /// <c>typeof(IChatCompletionService)</c>, or a chat completion service class the project declares (a test fake).
    /// </summary>
    internal static class ProjectChatRegistrations
    {
        /// <summary>The only chat service registration of the project, made on DI's service collection; null otherwise.</summary>
        public static IInvocationOperation? SoleDiRegistration(Compilation compilation, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            IInvocationOperation? sole = null;
            var count = 0;
            foreach (var tree in compilation.SyntaxTrees)
            {
                var root = tree.GetRoot(cancellationToken);
                if (!root.DescendantTokens().Any(MayRegister))
                {
                    continue;
                }

                var model = SourceBodies.GetSemanticModel(compilation, tree);
                foreach (var node in root.DescendantNodes())
                {
                    // A chat completion service class of the project's own (a test fake, a router) may be registered
                    // in any way the scan cannot see (typeof, assembly scanning, a test host's overrides).
                    if (node is TypeDeclarationSyntax declaration
                        && model.GetDeclaredSymbol(declaration, cancellationToken) is INamedTypeSymbol { IsAbstract: false } declared
                        && symbols.IsChatCompletionService(declared))
                    {
                        return null;
                    }

                    if (node is not (InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax)
                        || model.GetOperation(node, cancellationToken) is not { } operation)
                    {
                        continue;
                    }

                    switch (operation)
                    {
                        case IInvocationOperation invocation when KnownModelSymbols.IsChatCompletionRegistration(invocation.TargetMethod):
                            sole = invocation;
                            count++;
                            break;
                        case IInvocationOperation invocation when symbols.RegistersChatService(invocation.TargetMethod)
                                || symbols.RegistersChatClient(invocation.TargetMethod)
                                || RegistersFromAnotherLibrary(invocation.TargetMethod, symbols, compilation):
                            count += 2;
                            break;
                        case IObjectCreationOperation creation when symbols.IsChatCompletionService(creation.Type):
                            count += 2;
                            break;
                        case IInvocationOperation invocation when invocation.TargetMethod.Name.StartsWith("Add", StringComparison.Ordinal)
                                && invocation.Arguments.Any(argument => argument.Value is ITypeOfOperation typeOf && symbols.IsChatCompletionService(typeOf.TypeOperand)):
                            // services.AddSingleton(typeof(IChatCompletionService), typeof(FakeChatService)): registered without generics.
                            count += 2;
                            break;
                    }

                    if (count > 1)
                    {
                        return null;
                    }
                }
            }

            return count == 1 && sole != null && OnServiceCollection(sole, symbols, cancellationToken, depth: 0) ? sole : null;
        }

        // Files that can register a service: they spell a registration, a chat service or client, or a service collection.
        private static bool MayRegister(SyntaxToken token)
        {
            var text = token.ValueText;
            return text.EndsWith("ChatCompletion", StringComparison.Ordinal)
                || text.EndsWith("ChatCompletionService", StringComparison.Ordinal)
                || text.EndsWith("ChatClient", StringComparison.Ordinal)
                || text is "Services" or "IServiceCollection" or "IKernelBuilder";
        }

        // services.AddMyAi() declared in a referenced assembly that is not the framework's or an SDK's: it may register
        // a chat service the project does not show.
        private static bool RegistersFromAnotherLibrary(IMethodSymbol method, KnownModelSymbols symbols, Compilation compilation)
        {
            if (!method.IsExtensionMethod || SourceBodies.IsInSource(method, compilation))
            {
                return false;
            }

            var receiver = (method.ReducedFrom ?? method).Parameters.FirstOrDefault()?.Type;
            if (!symbols.IsServiceCollectionOrKernelBuilder(receiver))
            {
                return false;
            }

            // The SDKs' own registrations are recognised by name above; a library that references none of them
            // (Swashbuckle, MediatR) registers no chat service.
            var assembly = method.ContainingAssembly;
            return assembly != null
                && !IsLlmSdk(assembly.Name)
                && assembly.Modules.Any(module => module.ReferencedAssemblies.Any(reference => IsLlmSdk(reference.Name)));
        }

        private static bool IsLlmSdk(string name) =>
            name.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Agents.AI", StringComparison.Ordinal) || name == "OpenAI" || name.StartsWith("Azure.AI.", StringComparison.Ordinal)
            || name.StartsWith("Anthropic", StringComparison.Ordinal) || name.StartsWith("OllamaSharp", StringComparison.Ordinal);

        /// <summary>
        /// Whether a registration is made on DI's service collection: an <c>IServiceCollection</c> extension, or one on
        /// the kernel builder <c>services.AddKernel()</c> returns (through a local). One on <c>Kernel.CreateBuilder()</c>
        /// serves only the kernel that builder builds, not the one DI hands out.
        /// </summary>
        private static bool OnServiceCollection(IOperation registrationOrBuilder, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth)
        {
            if (depth > 6)
            {
                return false;
            }

            var value = ModelIdValue.Unwrap(registrationOrBuilder);
            if (value is IInvocationOperation invocation)
            {
                if (invocation.TargetMethod.Name == "AddKernel" && symbols.IsServiceCollectionOrKernelBuilder(invocation.Type))
                {
                    return true;
                }

                var receiver = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                if (receiver == null)
                {
                    return false;
                }

                return OnServiceCollection(receiver, symbols, cancellationToken, depth + 1);
            }

            // kernelBuilder.Services: DI's collection only when the kernel builder is the one AddKernel() returned.
            if (value is IPropertyReferenceOperation { Property.Name: "Services", Instance: { } holder } && symbols.IsKernelBuilder(holder.Type))
            {
                return OnServiceCollection(holder, symbols, cancellationToken, depth + 1);
            }

            if (value is ILocalReferenceOperation { Local: var local } && value.SemanticModel?.Compilation is { } compilation)
            {
                var writes = WrittenValues.Of(local, compilation, cancellationToken).ToList();
                return writes.Count == 1 && OnServiceCollection(writes[0], symbols, cancellationToken, depth + 1);
            }

            return symbols.IsServiceCollection(value.Type);
        }
    }
}
