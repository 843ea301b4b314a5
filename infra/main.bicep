// Helsefellesskap secretariat: a Flex Consumption function app (.NET isolated worker), its storage, telemetry,
// Key Vault and the roles of its managed identity; optionally the PDF renderer container (ADR 0006).
targetScope = 'resourceGroup'

@description('Short name used in every resource name, e.g. "hfhelgeland".')
@minLength(3)
@maxLength(11)
param name string

param location string = resourceGroup().location

@description('Settings of the app that are not secrets: Community__Name, Community__ReferencePrefix, Secretariat__Email, Secretariat__NewCases (Each, Daily or None), Links__PublicBaseUrl, Email__FromAddress, Email__FromName; for the workspace\'s sign-in SignIn__Authority (https://login.microsoftonline.com/{tenant}/v2.0), SignIn__ClientId, and optionally SignIn__RoleClaim (roles) and SignIn__Role (Sekretariat).')
param appSettings object

@secure()
@description('The secretariat key (x-functions-key) the app checks. At least 16 characters.')
param secretariatKey string

@secure()
@description('Secret for signed personal links. At least 32 characters.')
param linkSigningKey string

@secure()
@description('SendGrid API key, stored in Key Vault; empty to set it later (README: Deploy to Azure).')
param sendGridApiKey string = ''

@description('The community definition loaded at start, from the package: \'communities/helgeland.yaml\', or empty to set bodies and people up through the API.')
param communityDefinition string = ''

@secure()
@description('Client secret of the workspace\'s app registration in Entra ID (sign-in with OpenID Connect); empty until the registration is made.')
param signInClientSecret string = ''

@description('Container image of the PDF renderer (infra/Dockerfile); empty: no renderer is deployed.')
param rendererImage string = ''

@secure()
@description('Key between the app and the renderer. At least 16 characters when a renderer is deployed.')
param rendererKey string = ''

var compact = toLower(replace(name, '-', ''))
var dataTables = ['Bodies', 'Members', 'Meetings', 'Cases', 'Counters', 'IdempotencyKeys', 'Outbox', 'Agendas', 'Cycles', 'CycleSteps', 'CycleDue', 'Absences', 'Minutes', 'Publications', 'CasesByMeeting', 'Audit', 'Reports', 'Rosters']

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { name: name, location: location }
}

module hostStorage 'modules/storage.bicep' = {
  name: 'host-storage'
  params: { name: '${compact}host', location: location, containers: ['app-package'] }
}

module dataStorage 'modules/storage.bicep' = {
  name: 'data-storage'
  params: {
    name: '${compact}data'
    location: location
    containers: ['attachments', 'documents', 'outbox', 'outbox-messages']
    publicContainers: ['public']
    tables: dataTables
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'key-vault'
  params: { name: '${compact}-kv', location: location, sendGridApiKey: sendGridApiKey }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: '${name}-logs'
}

module renderer 'modules/renderer.bicep' = if (!empty(rendererImage)) {
  name: 'renderer'
  params: {
    name: '${name}-renderer'
    location: location
    image: rendererImage
    rendererKey: rendererKey
    logAnalyticsCustomerId: workspace.properties.customerId
    logAnalyticsSharedKey: workspace.listKeys().primarySharedKey
  }
  dependsOn: [monitoring]
}

var rendererSettings = empty(rendererImage) ? {} : {
  Documents__RendererUrl: renderer.?outputs.url ?? ''
  Documents__RendererKey: rendererKey
}

module app 'modules/functionapp.bicep' = {
  name: 'function-app'
  params: {
    name: '${name}-func'
    location: location
    hostStorageName: hostStorage.outputs.name
    hostBlobEndpoint: hostStorage.outputs.blobEndpoint
    dataBlobEndpoint: dataStorage.outputs.blobEndpoint
    dataTableEndpoint: dataStorage.outputs.tableEndpoint
    insightsConnectionString: monitoring.outputs.insightsConnectionString
    sendGridSecretUri: vault.outputs.sendGridSecretUri
    appSettings: union(appSettings, rendererSettings, {
      Secretariat__Key: secretariatKey
      Links__SigningKey: linkSigningKey
      Community__Definition: communityDefinition
      SignIn__ClientSecret: signInClientSecret
    })
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: app.outputs.principalId
    hostStorageName: hostStorage.outputs.name
    dataStorageName: dataStorage.outputs.name
    keyVaultName: vault.outputs.name
    insightsName: '${name}-insights'
  }
}

output functionAppHostName string = app.outputs.defaultHostName
output keyVaultName string = vault.outputs.name
output publicBlobBaseUrl string = '${dataStorage.outputs.blobEndpoint}public/'
