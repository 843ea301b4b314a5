using './main.bicep'

// Example values for Helsefellesskap Helgeland. Secrets come from the command line or a pipeline, never from this file:
//   az deployment group create -g rg-hfhelgeland -f infra/main.bicep -p infra/main.bicepparam \
//     -p secretariatKey=… linkSigningKey=… sendGridApiKey=… signInClientSecret=…
param name = 'hfhelgeland'
param appSettings = {
  Community__Name: 'Helsefellesskap Helgeland'
  Community__ReferencePrefix: 'HFH'
  Secretariat__Email: 'samhandling@helgelandssykehuset.no'
  Links__PublicBaseUrl: 'https://hfhelgeland-func.azurewebsites.net'
  Email__FromAddress: 'post@helsefellesskap-helgeland.no'
  Email__FromName: 'Helsefellesskap Helgeland'
  // The workspace's app registration in Entra ID (README: Sign-in): replace with the tenant's and the registration's ids.
  SignIn__Authority: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0'
  SignIn__ClientId: '00000000-0000-0000-0000-000000000000'
}
param secretariatKey = readEnvironmentVariable('HF_SECRETARIAT_KEY', '')
param linkSigningKey = readEnvironmentVariable('HF_LINK_SIGNING_KEY', '')
param sendGridApiKey = readEnvironmentVariable('HF_SENDGRID_API_KEY', '')
param rendererImage = readEnvironmentVariable('HF_RENDERER_IMAGE', '')
param rendererKey = readEnvironmentVariable('HF_RENDERER_KEY', '')
param signInClientSecret = readEnvironmentVariable('HF_SIGNIN_CLIENT_SECRET', '')
