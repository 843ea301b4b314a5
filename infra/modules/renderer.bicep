@description('The PDF renderer: the same app in a container with Debian\'s Chromium (infra/Dockerfile), on Azure Container Apps.')
param name string
param location string
param image string

@secure()
@description('The key the function app sends as x-functions-key to /api/internal/render.')
param rendererKey string

param logAnalyticsCustomerId string

@secure()
param logAnalyticsSharedKey string

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: { customerId: logAnalyticsCustomerId, sharedKey: logAnalyticsSharedKey }
    }
  }
}

resource renderer 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: { external: true, targetPort: 8080, transport: 'http' }
      secrets: [{ name: 'renderer-key', value: rendererKey }]
    }
    template: {
      containers: [
        {
          name: 'renderer'
          image: image
          resources: { cpu: json('1.0'), memory: '2Gi' }
          // It only prints PDFs (/api/internal/render); the other settings are there because the app checks them at start.
          env: [
            { name: 'Documents__RendererKey', secretRef: 'renderer-key' }
            { name: 'Secretariat__Key', secretRef: 'renderer-key' }
            { name: 'Links__SigningKey', secretRef: 'renderer-key' }
            { name: 'ASPNETCORE_URLS', value: 'http://0.0.0.0:8080' }
            { name: 'Storage__ConnectionString', value: 'UseDevelopmentStorage=true' }
            { name: 'Community__Name', value: 'Renderer' }
            { name: 'Community__ReferencePrefix', value: 'PDF' }
            { name: 'Secretariat__Email', value: 'renderer@example.invalid' }
            { name: 'Links__PublicBaseUrl', value: 'https://renderer.invalid' }
            { name: 'Email__FromAddress', value: 'renderer@example.invalid' }
            { name: 'Email__FromName', value: 'Renderer' }
            { name: 'Cycle__InProcessTicker', value: 'false' }
          ]
          probes: [{ type: 'Readiness', httpGet: { path: '/', port: 8080 } }]
        }
      ]
      scale: { minReplicas: 0, maxReplicas: 2 }
    }
  }
}

output url string = 'https://${renderer.properties.configuration.ingress.fqdn}'
