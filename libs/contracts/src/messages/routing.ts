import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsEnum,
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent, defineRequest } from '../contract.js';
import { Priority } from '../enums.js';

export class CaseRoutedV1 {
  @IsUUID()
  caseId: string;

  @IsString()
  ticketNumber: string;

  @IsString()
  serviceCode: string;

  @IsString()
  departmentCode: string;

  @IsString()
  queueCode: string;

  @IsEnum(Priority)
  priority: Priority;

  @IsISO8601({ strict: true })
  dueAt: string;

  @IsISO8601({ strict: true })
  routedAt: string;
}

export const CaseRouted = defineEvent('routing.evt.case-routed.v1', CaseRoutedV1);

export class GetServiceDefinitionRequest {
  @IsString()
  serviceCode: string;
}

export class ServiceDefinitionView {
  @IsString()
  code: string;

  @IsString()
  name: string;

  @IsString()
  departmentCode: string;

  @IsEnum(Priority)
  defaultPriority: Priority;

  @IsInt()
  @Min(1)
  targetHours: number;
}

export class GetServiceDefinitionReply {
  @IsBoolean()
  found: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceDefinitionView)
  service?: ServiceDefinitionView;

  @IsArray()
  @IsString({ each: true })
  knownCodes: string[];
}

export const GetServiceDefinition = defineRequest(
  'routing.qry.service-definition.v1',
  GetServiceDefinitionRequest,
  GetServiceDefinitionReply,
  ['intake'],
);
